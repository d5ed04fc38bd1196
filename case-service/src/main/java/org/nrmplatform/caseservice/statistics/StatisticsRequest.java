package org.nrmplatform.caseservice.statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nrmplatform.shared.web.ProblemResponses.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;

/**
 * A question to the statistics: the dimensions to count by, and filters, each on a dimension also counted
 * by, so that a filtered answer is a part of the unfiltered table and never a second table to subtract
 * from the first.
 */
record StatisticsRequest(List<Dimension> groupBy, Map<Dimension, String> filters, boolean csv) {

    static final int MAX_DIMENSIONS = 3;
    private static final String GROUP_BY = "groupBy";
    private static final String FORMAT = "format";

    static StatisticsRequest from(MultiValueMap<String, String> parameters) {
        List<Dimension> groupBy = new ArrayList<>();
        for (String value : parameters.getOrDefault(GROUP_BY, List.of())) {
            for (String name : value.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                Dimension dimension = Dimension.fromParameter(name.strip()).orElseThrow(() -> invalid(GROUP_BY,
                        "unknown dimension '" + name.strip() + "'; known: " + String.join(", ", Dimension.parameters())));
                if (groupBy.contains(dimension)) {
                    throw invalid(GROUP_BY, "dimension '" + name.strip() + "' is given twice");
                }
                groupBy.add(dimension);
            }
        }
        if (groupBy.size() > MAX_DIMENSIONS) {
            throw invalid(GROUP_BY, "at most " + MAX_DIMENSIONS + " dimensions");
        }
        Map<Dimension, String> filters = new LinkedHashMap<>();
        boolean csv = false;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name.equals(GROUP_BY)) {
                continue;
            }
            String value = single(name, parameter.getValue());
            if (name.equals(FORMAT)) {
                if (!Set.of("json", "csv").contains(value)) {
                    throw invalid(FORMAT, "'" + value + "' is not a format: json or csv");
                }
                csv = value.equals("csv");
                continue;
            }
            Dimension dimension = Dimension.fromParameter(name).orElseThrow(() -> invalid(name,
                    "unknown parameter; known: groupBy, format and one filter per grouped dimension"));
            if (!groupBy.contains(dimension)) {
                throw invalid(name, "filtering on '" + name + "' needs grouping by it too (groupBy=..." + name
                        + "): a filter selects cells of the table, it does not make another table");
            }
            if (dimension == Dimension.YEAR && !value.matches("\\d{4}")) {
                throw invalid(name, "'" + value + "' is not a year");
            }
            filters.put(dimension, value);
        }
        return new StatisticsRequest(List.copyOf(groupBy), filters, csv);
    }

    private static String single(String name, List<String> values) {
        if (values.size() != 1 || values.get(0).isBlank()) {
            throw invalid(name, "give exactly one value");
        }
        return values.get(0).strip();
    }

    private static ResponseStatusException invalid(String parameter, String message) {
        ResponseStatusException invalid = new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "'" + parameter + "': " + message);
        invalid.getBody().setProperty("errors", List.of(new FieldProblem(parameter, message)));
        return invalid;
    }
}
