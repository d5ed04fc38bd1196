package org.nrmplatform.caseservice.views;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.caseservice.views.CaseQueries.CasePage;
import org.nrmplatform.caseservice.views.CaseQueries.FindCase;
import org.nrmplatform.caseservice.views.CaseQueries.ListCases;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads of cases, each caller answered from its actor type's own view (eventually consistent with the
 * writes; see {@link CaseViewQueries}), limited to the cases the caller may see; any other case is a 404.
 * Each answer is recorded in the read log of every case it shows, before it is given (PersonalDataReads); a
 * read that cannot be recorded fails with 503.
 */
@RestController
@RequestMapping("/api/cases")
class CaseViewController {

    /** Service providers see the part of a case they need while a referral to them is active. */
    static final String READERS = "hasAnyRole('FIRST_LINE', 'IDENTIFICATION_AUTHORITY', 'CASE_MANAGER', "
            + "'SERVICE_PROVIDER')";

    private final QueryGateway queries;
    private final PersonalDataReads reads;

    CaseViewController(QueryGateway queries, PersonalDataReads reads) {
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping
    @PreAuthorize(READERS)
    CasePage list(@RequestParam(defaultValue = "0") @Min(0) int page,
                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                  @RequestParam(required = false) CaseStage stage,
                  @RequestParam(required = false) Boolean closed,
                  @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        CasePage answer = queries.query(new ListCases(page, size, stage, closed, actor), CasePage.class).join();
        reads.record(answer.items().stream().map(item -> UUID.fromString(item.id())).toList(), "case-list", actor);
        return answer;
    }

    @GetMapping("/{caseId}")
    @PreAuthorize(READERS)
    ResponseEntity<VisibleCase> get(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        VisibleCase visible = queries.query(new FindCase(caseId, actor),
                        ResponseTypes.optionalInstanceOf(VisibleCase.class)).join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId));
        reads.record(caseId, visible instanceof HandledCase ? "case" : "referred-case", actor);
        return visible instanceof HandledCase handled
                ? ResponseEntity.ok().eTag("\"" + handled.version() + "\"").body(visible)
                : ResponseEntity.ok(visible);
    }
}
