package org.nrmplatform.caseservice.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * The NRM performance indicators of one period: each indicator's rows, one per group (the breakdown's value,
 * or {@value PerformanceIndicators#ALL}) and category (a dimension's value, a service type, or empty), with
 * small cells suppressed; and what the events cannot tell.
 *
 * @param by      the breakdown asked for ({@code region} or {@code detectingSector}), or null
 * @param group   the one group asked for (a filter on the breakdown), or null for all of them and the totals
 */
record IndicatorReport(String period, LocalDate from, LocalDate until, String by, String group,
                       int suppressionThreshold, int guardianTargetDays, List<Indicator> indicators,
                       List<NotComputed> notComputed, List<String> notes) {

    enum Kind { COUNT, SHARE, DURATION }

    /**
     * @param category the dimension the rows' categories are values of ({@code sex}, {@code serviceType}...), or null
     * @param counts   what is counted, and by which event's date it falls in the period
     */
    record Indicator(String id, Kind kind, String unit, String category, String counts, List<Row> rows) {
    }

    /**
     * A count ({@code count}), a share ({@code count} of {@code of}, as {@code percent}) or a duration ({@code
     * median}, {@code p90} over at least {@code casesAtLeast} cases); when {@code suppressed}, none of them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String group, String category, Long count, Long of, Double percent, Double median, Double p90,
               Long casesAtLeast, boolean suppressed) {
    }

    /** An indicator, or a part of one, that the events do not record, and what is given instead if anything. */
    record NotComputed(String indicator, String reason) {
    }
}
