package org.nrmplatform.caseservice.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Indicator;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Row;

/**
 * The indicators as CSV (RFC 4180), one line per row of every indicator: the period, the indicator, its kind
 * and unit, the breakdown's group, the category, then the figures; a suppressed row has no figures and
 * {@code suppressed} true.
 */
final class IndicatorsCsv {

    static final List<String> HEADER = List.of("period", "indicator", "kind", "unit", "group", "category", "count",
            "of", "percent", "median", "p90", "casesAtLeast", "suppressed");

    private IndicatorsCsv() {
    }

    static String of(IndicatorReport report) {
        StringBuilder csv = new StringBuilder(line(HEADER));
        for (Indicator indicator : report.indicators()) {
            for (Row row : indicator.rows()) {
                List<String> fields = new ArrayList<>(List.of(report.period(), indicator.id(), indicator.kind().name(),
                        indicator.unit(), row.group()));
                for (Object value : new Object[] {row.category(), row.count(), row.of(), row.percent(), row.median(),
                        row.p90(), row.casesAtLeast()}) {
                    fields.add(Objects.toString(value, ""));
                }
                fields.add(Boolean.toString(row.suppressed()));
                csv.append(line(fields));
            }
        }
        return csv.toString();
    }

    private static String line(List<String> fields) {
        return fields.stream().map(IndicatorsCsv::quoted).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String quoted(String field) {
        return field.matches("(?s).*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
