package org.nrmplatform.caseservice.statistics;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anonymised monitoring statistics, for the monitor only (national rapporteur or coordinator): no role
 * that works on cases needs them, and none of them is shown to case workers. Parameters: {@code groupBy}
 * (comma-separated, at most three of the {@link Dimension}s), a filter per grouped dimension
 * ({@code year=2026}), {@code format=csv} for the CSV export.
 */
@RestController
class StatisticsController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final MonitoringStatistics statistics;

    StatisticsController(MonitoringStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/api/statistics")
    @PreAuthorize("hasRole('MONITOR')")
    ResponseEntity<?> statistics(@RequestParam MultiValueMap<String, String> parameters) {
        StatisticsRequest request = StatisticsRequest.from(parameters);
        StatisticsTable table = statistics.answer(request);
        if (!request.csv()) {
            return ResponseEntity.ok(table);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"nrm-statistics.csv\"")
                .body(StatisticsCsv.of(table));
    }
}
