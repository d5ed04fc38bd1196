package org.nrmplatform.caseservice.statistics;

import static org.nrmplatform.caseservice.statistics.QueryParameters.invalid;
import static org.nrmplatform.caseservice.statistics.QueryParameters.single;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * A question to the performance indicators: one period, optionally broken down by region or detecting sector,
 * and optionally one group of that breakdown ({@code region=Vojvodina} with {@code by=region}: a filter selects
 * rows of the broken-down answer, it does not make another table).
 *
 * @param group the one group asked for, or null
 */
record IndicatorRequest(ReportingPeriod period, Breakdown by, String group, boolean csv) {

    enum Breakdown {
        REGION("region"), DETECTING_SECTOR("detectingSector");

        private final String parameter;

        Breakdown(String parameter) {
            this.parameter = parameter;
        }

        String parameter() {
            return parameter;
        }

        static Optional<Breakdown> fromParameter(String name) {
            return Arrays.stream(values()).filter(b -> b.parameter.equals(name)).findFirst();
        }
    }

    private static final String PERIOD = "period";
    private static final String BY = "by";
    private static final String FORMAT = "format";

    static IndicatorRequest from(MultiValueMap<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!Set.of(PERIOD, BY, FORMAT, "region", "detectingSector").contains(name)) {
                throw invalid(name, "unknown parameter; known: period, by, format, and region or detectingSector "
                        + "(the group of the breakdown)");
            }
        }
        String text = single(PERIOD, parameters.get(PERIOD));
        ReportingPeriod period = ReportingPeriod.parse(text).orElseThrow(() -> invalid(PERIOD,
                "'" + text + "' is not a period: a year (2026), a quarter (2026-Q4) or a month (2026-11)"));
        Breakdown by = null;
        if (parameters.containsKey(BY)) {
            String name = single(BY, parameters.get(BY));
            by = Breakdown.fromParameter(name).orElseThrow(() -> invalid(BY,
                    "'" + name + "' is not a breakdown: region or detectingSector"));
        }
        String group = null;
        for (Breakdown breakdown : Breakdown.values()) {
            if (parameters.containsKey(breakdown.parameter())) {
                if (by != breakdown) {
                    throw invalid(breakdown.parameter(), "selecting one " + breakdown.parameter()
                            + " needs the breakdown by it too (by=" + breakdown.parameter() + ")");
                }
                group = single(breakdown.parameter(), parameters.get(breakdown.parameter()));
            }
        }
        boolean csv = false;
        if (parameters.containsKey(FORMAT)) {
            String format = single(FORMAT, parameters.get(FORMAT));
            if (!Set.of("json", "csv").contains(format)) {
                throw invalid(FORMAT, "'" + format + "' is not a format: json or csv");
            }
            csv = format.equals("csv");
        }
        return new IndicatorRequest(period, by, group, csv);
    }

    /** The request of the report of a whole period, as the metrics ask it. */
    static IndicatorRequest of(ReportingPeriod period) {
        return new IndicatorRequest(period, null, null, false);
    }
}
