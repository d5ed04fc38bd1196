package org.nrmplatform.caseservice.audit;

import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class CaseHistoryController {

    record History(UUID caseId, java.util.List<CaseHistory.Entry> events) {
    }

    private final QueryGateway queries;

    CaseHistoryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/cases/{caseId}/history")
    History history(@PathVariable UUID caseId) {
        CaseHistory.Answer answer = queries.query(new CaseHistory.Query(caseId), CaseHistory.Answer.class).join();
        if (answer.entries().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        return new History(caseId, answer.entries());
    }
}
