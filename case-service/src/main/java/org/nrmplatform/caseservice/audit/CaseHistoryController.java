package org.nrmplatform.caseservice.audit;

import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class CaseHistoryController {

    record History(UUID caseId, List<CaseHistory.Entry> events) {
    }

    private final QueryGateway queries;
    private final PersonalDataReads reads;

    CaseHistoryController(QueryGateway queries, PersonalDataReads reads) {
        this.queries = queries;
        this.reads = reads;
    }

    /** A prosecutor gets the same events through the court export, on a recorded legal basis (courtexport). */
    @GetMapping("/api/cases/{caseId}/history")
    // the recorded events whole: only the case manager's view is the whole case (docs/need-to-know.md)
    @PreAuthorize("hasRole('CASE_MANAGER')")
    History history(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        CaseHistory.Answer answer = queries.query(new CaseHistory.Query(caseId, actor),
                CaseHistory.Answer.class).join();
        if (answer.entries().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        reads.record(caseId, "history", actor);
        return new History(caseId, answer.entries());
    }
}
