package org.nrmplatform.caseservice.timetravel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.caseservice.views.VisibleCase;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.ProblemResponses.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class CaseAsOfController {

    private final CaseAsOf asOf;

    CaseAsOfController(CaseAsOf asOf) {
        this.asOf = asOf;
    }

    /**
     * The case as it stood at {@code at} (ISO-8601 instant), for the same roles and scope as the case itself.
     * {@code at} is checked here rather than by a required parameter, so that a role that may not call the
     * endpoint gets its 403 whatever it sends.
     */
    @GetMapping("/api/cases/{caseId}/as-of")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'IDENTIFICATION_AUTHORITY', 'CASE_MANAGER', 'SERVICE_PROVIDER')")
    VisibleCase asOf(@PathVariable UUID caseId, @RequestParam(required = false) Instant at,
                     @AuthenticationPrincipal Jwt token) {
        if (at == null) {
            ResponseStatusException missing = new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "'at' is required: the instant to show the case at, e.g. 2026-01-31T09:30:00Z");
            missing.getBody().setProperty("errors", List.of(new FieldProblem("at", "is required")));
            throw missing;
        }
        return asOf.find(caseId, at, Actor.from(token))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId));
    }
}
