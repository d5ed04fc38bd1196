package org.nrmplatform.caseservice.statistics;

import static org.nrmplatform.caseservice.statistics.QueryParameters.invalid;
import static org.nrmplatform.caseservice.statistics.QueryParameters.single;

import java.util.List;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * A question to the CTDC export: the years of registration to include (both ends included, either open) and
 * the format. The years select rows of the one anonymised dataset; they do not change how a year is anonymised
 * ({@link KAnonymity}).
 *
 * @param from the first year, or null for the earliest
 * @param to   the last year, or null for the latest
 */
record CtdcExportRequest(Integer from, Integer to, boolean csv) {

    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String FORMAT = "format";

    static CtdcExportRequest from(MultiValueMap<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!Set.of(FROM, TO, FORMAT).contains(name)) {
                throw invalid(name, "unknown parameter; known: from, to (years of registration) and format");
            }
        }
        Integer from = year(FROM, parameters.get(FROM));
        Integer to = year(TO, parameters.get(TO));
        if (from != null && to != null && from > to) {
            throw invalid(TO, "the range ends (" + to + ") before it starts (from=" + from + ")");
        }
        boolean csv = false;
        if (parameters.containsKey(FORMAT)) {
            String format = single(FORMAT, parameters.get(FORMAT));
            if (!Set.of("json", "csv").contains(format)) {
                throw invalid(FORMAT, "'" + format + "' is not a format: json or csv");
            }
            csv = format.equals("csv");
        }
        return new CtdcExportRequest(from, to, csv);
    }

    boolean includes(Integer year) {
        return year != null && (from == null || year >= from) && (to == null || year <= to);
    }

    private static Integer year(String name, List<String> values) {
        if (values == null) {
            return null;
        }
        String value = single(name, values);
        if (!value.matches("\\d{4}")) {
            throw invalid(name, "'" + value + "' is not a year (four digits, e.g. 2025)");
        }
        return Integer.valueOf(value);
    }
}
