package org.nrmplatform.caseservice.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
 * The NRM performance indicators, for the monitor only, as the statistics are (docs/need-to-know.md): anonymised,
 * small cells suppressed.
 */
@RestController
class IndicatorsController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final PerformanceIndicators indicators;

    IndicatorsController(PerformanceIndicators indicators) {
        this.indicators = indicators;
    }

    @GetMapping("/api/statistics/indicators")
    @PreAuthorize("hasRole('MONITOR')")
    @Operation(summary = "NRM performance indicators of one period (monitor only)", description = """
            Presumed and identified victims by sector, sex, age band, citizenship and type of exploitation; median \
            and 90th percentile days from screening to the presumed-victim flag, to the identification decision and \
            to the first referral; shares of positive decisions, of presumed victims granted a reflection period \
            (and its length), of referrals answered in time, accepted and completed, of identified victims receiving \
            each service type, of children with a guardian within the configured target; transnational referrals, \
            returns and cases in criminal proceedings. Small cells are suppressed (no figure, suppressed true); \
            'notComputed' says what the events do not record. Each indicator's 'counts' says what it counts and by \
            which date. Bad parameters are 400 problems naming the parameter.""",
            parameters = {
                    @Parameter(name = "period", required = true, description = "2026 (year), 2026-Q4 (quarter) or 2026-11 (month), UTC"),
                    @Parameter(name = "by", description = "break down by region or detectingSector (with the totals)"),
                    @Parameter(name = "region", description = "only this region's rows (needs by=region)"),
                    @Parameter(name = "detectingSector", description = "only this sector's rows (needs by=detectingSector)"),
                    @Parameter(name = "format", description = "json (default) or csv")},
            responses = {
                    @ApiResponse(responseCode = "200", description = "the indicators", content = {
                            @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorReport.class)),
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))}),
                    @ApiResponse(responseCode = "400", description = "a bad period, breakdown, group or format",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "not a monitor")})
    ResponseEntity<?> indicators(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        IndicatorRequest request = IndicatorRequest.from(parameters);
        IndicatorReport report = indicators.answer(request);
        if (!request.csv()) {
            return ResponseEntity.ok(report);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"nrm-indicators-" + report.period() + ".csv\"")
                .body(IndicatorsCsv.of(report));
    }
}
