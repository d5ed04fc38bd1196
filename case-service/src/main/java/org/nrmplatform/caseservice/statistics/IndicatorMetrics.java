package org.nrmplatform.caseservice.statistics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Indicator;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Row;
import org.nrmplatform.caseservice.statistics.ReportingPeriod.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The performance indicators' totals as gauges, for the Grafana dashboard "NRM performance indicators", each for
 * the current month, quarter and year ({@code period} tag: {@code month}, {@code quarter}, {@code year}, in UTC):
 * <ul>
 * <li>{@code nrm.indicator.cases{indicator, category}}: the counts without a victim dimension;</li>
 * <li>{@code nrm.indicator.percent{indicator, category}}: the shares (category: the service type, or empty);</li>
 * <li>{@code nrm.indicator.days{indicator, statistic}}: the durations' median and p90.</li>
 * </ul>
 * Suppressed and not yet countable figures are NaN (Prometheus shows no value): whoever reads the metrics sees
 * no more than the monitor. Computed at most every {@value #REFRESH_SECONDS} seconds; every instance reports the
 * same figures (aggregate with {@code max}).
 */
@Component
class IndicatorMetrics {

    private static final long REFRESH_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(IndicatorMetrics.class);

    private record Reports(Instant at, Map<Kind, IndicatorReport> byPeriod) {
    }

    private final PerformanceIndicators indicators;
    private final Clock clock;
    private volatile Reports reports = new Reports(Instant.MIN, Map.of());

    IndicatorMetrics(PerformanceIndicators indicators, MeterRegistry meters, Clock clock) {
        this.indicators = indicators;
        this.clock = clock;
        IndicatorReport shape = indicators.answer(IndicatorRequest.of(ReportingPeriod.parse("2026").orElseThrow()),
                List.of());
        for (Indicator indicator : shape.indicators()) {
            for (String category : categoriesOf(indicator)) {
                for (Kind kind : Kind.values()) {
                    String period = kind.name().toLowerCase(Locale.ROOT);
                    switch (indicator.kind()) {
                        case COUNT -> gauge(meters, "nrm.indicator.cases", indicator, category, period, kind,
                                row -> row.count() == null ? Double.NaN : row.count(), "statistic", "count");
                        case SHARE -> gauge(meters, "nrm.indicator.percent", indicator, category, period, kind,
                                row -> row.percent() == null ? Double.NaN : row.percent(), "statistic", "share");
                        case DURATION -> {
                            gauge(meters, "nrm.indicator.days", indicator, category, period, kind,
                                    row -> row.median() == null ? Double.NaN : row.median(), "statistic", "median");
                            gauge(meters, "nrm.indicator.days", indicator, category, period, kind,
                                    row -> row.p90() == null ? Double.NaN : row.p90(), "statistic", "p90");
                        }
                    }
                }
            }
        }
    }

    /** The categories charted: none, or each service type, or national and transnational; not victims' dimensions. */
    private List<String> categoriesOf(Indicator indicator) {
        if (indicator.category() == null) {
            return List.of("");
        }
        return switch (indicator.category()) {
            case "serviceType" -> indicators.serviceTypes();
            case "referral" -> List.of("national", "transnational");
            default -> List.of();
        };
    }

    private void gauge(MeterRegistry meters, String name, Indicator indicator, String category, String period,
                       Kind kind, ToDoubleFunction<Row> value, String statisticTag, String statistic) {
        Gauge.builder(name, () -> row(kind, indicator.id(), category).map(value::applyAsDouble).orElse(Double.NaN))
                .tags("indicator", indicator.id(), "category", category, "period", period, statisticTag, statistic)
                .description(indicator.counts()).register(meters);
    }

    private Optional<Row> row(Kind kind, String indicator, String category) {
        IndicatorReport report = current().get(kind);
        if (report == null) {
            return Optional.empty();
        }
        return report.indicators().stream().filter(i -> i.id().equals(indicator)).flatMap(i -> i.rows().stream())
                .filter(row -> row.group().equals(PerformanceIndicators.ALL)
                        && Objects.equals(row.category() == null ? "" : row.category(), category))
                .findFirst();
    }

    private Map<Kind, IndicatorReport> current() {
        Instant now = clock.instant();
        Reports last = reports;
        if (last.at().plusSeconds(REFRESH_SECONDS).isBefore(now)) {
            try {
                List<IndicatorFacts> facts = indicators.facts();
                LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
                Map<Kind, IndicatorReport> fresh = new EnumMap<>(Kind.class);
                for (Kind kind : Kind.values()) {
                    fresh.put(kind, indicators.answer(IndicatorRequest.of(ReportingPeriod.of(kind, today)), facts));
                }
                last = new Reports(now, fresh);
            } catch (RuntimeException e) {
                // a scrape must not fail for the indicators: they show no value until the store answers
                log.warn("Could not compute the performance indicators for the metrics", e);
                last = new Reports(now, Map.of());
            }
            reports = last;
        }
        return last.byPeriod();
    }
}
