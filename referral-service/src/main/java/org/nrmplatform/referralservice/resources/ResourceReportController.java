package org.nrmplatform.referralservice.resources;

import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.referralservice.providers.Provider;
import org.nrmplatform.referralservice.providers.ProviderDirectory;
import org.nrmplatform.referralservice.standards.ProviderStandings;
import org.nrmplatform.referralservice.views.ReferralQueries;
import org.nrmplatform.shared.web.ProblemResponses.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The resource report for the coordinators (monitor, administrator): JSON, or either of its two tables as CSV. */
@RestController
class ResourceReportController {

    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final QueryGateway queries;

    ResourceReportController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/providers/resource-report")
    @PreAuthorize("hasAnyRole('MONITOR', 'ADMINISTRATOR')")
    ResponseEntity<?> report(@RequestParam(defaultValue = "json") String format,
                             @RequestParam(defaultValue = "capacity") String table) {
        if (!List.of("json", "csv").contains(format)) {
            throw invalid("format", "'" + format + "' is not a format: json or csv");
        }
        if (!List.of("capacity", "funding").contains(table)) {
            throw invalid("table", "'" + table + "' is not a table: capacity or funding");
        }
        List<Provider> providers = queries.query(new ProviderDirectory.ListProviders(null, null),
                ResponseTypes.multipleInstancesOf(Provider.class)).join();
        ResourceReport report = ResourceReport.of(providers,
                queries.query(new ProviderStandings.AllStandings(), ProviderStandings.StandingMap.class).join()
                        .byOrganisation(),
                queries.query(new ReferralQueries.ReferralFigures(), ReferralQueries.FigureList.class).join().items());
        if (format.equals("json")) {
            return ResponseEntity.ok(report);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"resource-report-" + table + ".csv\"")
                .body(table.equals("funding") ? report.fundingCsv() : report.rowsCsv());
    }

    private static ResponseStatusException invalid(String field, String message) {
        ResponseStatusException invalid = new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "'" + field + "': " + message);
        invalid.getBody().setProperty("errors", List.of(new FieldProblem(field, message)));
        return invalid;
    }
}
