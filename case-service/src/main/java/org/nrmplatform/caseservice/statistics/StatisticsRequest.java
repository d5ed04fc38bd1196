package org.nrmplatform.caseservice.statistics;

import static org.nrmplatform.caseservice.statistics.QueryParameters.invalid;
import static org.nrmplatform.caseservice.statistics.QueryParameters.single;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;

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
}
