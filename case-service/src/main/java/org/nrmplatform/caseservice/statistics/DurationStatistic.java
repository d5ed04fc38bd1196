package org.nrmplatform.caseservice.statistics;

import java.util.List;

/**
 * The median and 90th percentile of a duration, or neither when fewer cases than the threshold have it.
 * The number of cases is given rounded down to a multiple of the threshold: the exact number could be
 * subtracted from the cells of a table (cases decided = identified + not identified) to give away a
 * suppressed cell.
 */
record DurationStatistic(String measure, String unit, Long casesAtLeast, Double median, Double p90,
                         boolean suppressed) {

    static DurationStatistic of(String measure, String unit, List<Double> values, int threshold) {
        if (values.size() < threshold) {
            return new DurationStatistic(measure, unit, null, null, null, true);
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double p90 = sorted.get((int) Math.ceil(0.9 * n) - 1); // nearest rank
        return new DurationStatistic(measure, unit, (long) (n / threshold) * threshold, round(median), round(p90),
                false);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
