package org.nrmplatform.caseservice.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The case-level CTDC export, for the monitor only, as the statistics are (docs/need-to-know.md). */
@RestController
class CtdcExportController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final CtdcExport export;

    CtdcExportController(CtdcExport export) {
        this.export = export;
    }

    @GetMapping("/api/statistics/ctdc")
    @PreAuthorize("hasRole('MONITOR')")
    @Operation(summary = "Case-level export in CTDC's columns, k-anonymised (monitor only)", description = """
            One row per presumed or identified victim in the columns of CTDC's global k-anonymised dataset, in its \
            order, -99 where the platform does not record a value (docs/ctdc-export.md). Every row is identical to \
            at least k - 1 others (k = 11 by default): age is in CTDC's age bands, and rows of smaller groups lose \
            columns, then are left out; rowsDropped, cellsSuppressed and smallestClass say how much. Bad parameters \
            are 400 problems naming the parameter.""",
            parameters = {
                    @Parameter(name = "from", description = "first year of registration (screening), e.g. 2024"),
                    @Parameter(name = "to", description = "last year of registration, not before from"),
                    @Parameter(name = "format", description = "json (default) or csv")},
            responses = {
                    @ApiResponse(responseCode = "200", description = "the export", content = {
                            @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = CtdcExport.Dataset.class)),
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))}),
                    @ApiResponse(responseCode = "400", description = "a bad year, range or format",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "not a monitor")})
    ResponseEntity<?> export(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        CtdcExportRequest request = CtdcExportRequest.from(parameters);
        CtdcExport.Dataset dataset = export.answer(request);
        if (!request.csv()) {
            return ResponseEntity.ok(dataset);
        }
        StringBuilder csv = new StringBuilder(StatisticsCsv.row(dataset.columns()));
        dataset.rows().forEach(row -> csv.append(StatisticsCsv.row(List.copyOf(row.values()))));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"nrm-ctdc.csv\"")
                .body(csv.toString());
    }
}
