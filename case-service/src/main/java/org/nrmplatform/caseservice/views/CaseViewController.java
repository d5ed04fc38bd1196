package org.nrmplatform.caseservice.views;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.caseservice.views.CaseQueries.CasePage;
import org.nrmplatform.caseservice.views.CaseQueries.FindCase;
import org.nrmplatform.caseservice.views.CaseQueries.ListCases;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reads of cases, answered from the case views (eventually consistent with the writes). */
@RestController
@RequestMapping("/api/cases")
class CaseViewController {

    private final QueryGateway queries;

    CaseViewController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    CasePage list(@RequestParam(defaultValue = "0") @Min(0) int page,
                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.query(new ListCases(page, size), CasePage.class).join();
    }

    @GetMapping("/{caseId}")
    ResponseEntity<CaseView> get(@PathVariable UUID caseId) {
        CaseView view = queries.query(new FindCase(caseId), ResponseTypes.optionalInstanceOf(CaseView.class)).join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId));
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }
}
