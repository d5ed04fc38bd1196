package org.nrmplatform.caseservice.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.nrmplatform.caseservice.statistics.StatisticsTable.Cell;

/**
 * The table as CSV, one row per cell, the columns named as in CTDC's data or HTCDS where they exist (see
 * {@link Dimension}); a suppressed cell has an empty count and {@code suppressed} true.
 */
final class StatisticsCsv {

    private StatisticsCsv() {
    }

    static String of(StatisticsTable table) {
        List<Dimension> dimensions = table.groupBy().stream()
                .map(name -> Dimension.fromParameter(name).orElseThrow()).toList();
        List<String> header = new ArrayList<>(dimensions.stream().map(Dimension::column).toList());
        header.add("count");
        header.add("suppressed");
        StringBuilder csv = new StringBuilder(row(header));
        for (Cell cell : table.cells()) {
            List<String> fields = new ArrayList<>(dimensions.stream()
                    .map(dimension -> cell.values().get(dimension.parameter())).toList());
            fields.add(cell.count() == null ? "" : cell.count().toString());
            fields.add(Boolean.toString(cell.suppressed()));
            csv.append(row(fields));
        }
        return csv.toString();
    }

    /** One line of RFC 4180 CSV (the CTDC export writes its lines with it too). */
    static String row(List<String> fields) {
        return fields.stream().map(StatisticsCsv::quoted).collect(Collectors.joining(",")) + "\r\n";
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break. */
    private static String quoted(String field) {
        return field.matches(".*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
