package org.nrmplatform.caseservice.statistics;

import java.util.List;
import java.util.Map;

/**
 * The answer: one cell per combination of values that has at least one case, its count or, when
 * suppressed, none; durations over the cases the filters select; notes on how to read it.
 */
record StatisticsTable(List<String> groupBy, Map<String, String> filters, int suppressionThreshold,
                       List<Cell> cells, List<DurationStatistic> durations, List<String> notes) {

    /** {@code values} maps each grouped dimension to the cell's value; {@code count} is null when suppressed. */
    record Cell(Map<String, String> values, Long count, boolean suppressed) {
    }
}
