package org.nrmplatform.caseservice.statistics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Indicator;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Row;
import org.springframework.stereotype.Component;

/**
 * The NRM performance indicators as other features read them (the action plan's bound indicators): the national
 * figure ({@value PerformanceIndicators#ALL}) of one indicator in one period, exactly as
 * {@code GET /api/statistics/indicators} answers it, small cells suppressed. A count gives its count, a share its
 * percent, a duration its median.
 */
@Component
public class IndicatorFigures {

    /** A period as the indicators name it; {@code until} is the first day after it. */
    public record Period(String name, LocalDate from, LocalDate until) {
    }

    /** One indicator's national figure; no value when suppressed, or for a share or duration of no case. */
    public record Figure(String indicator, String category, String unit, Double value, boolean suppressed) {
    }

    /** An indicator that can be bound: its id, its unit and the dimension of its categories (or null). */
    public record Definition(String id, String unit, String category) {
    }

    private final PerformanceIndicators indicators;
    private final Map<String, Definition> definitions = new LinkedHashMap<>();

    IndicatorFigures(PerformanceIndicators indicators) {
        this.indicators = indicators;
        // the report over no cases names every indicator the platform computes
        indicators.answer(IndicatorRequest.of(ReportingPeriod.parse("2000").orElseThrow()), List.of()).indicators()
                .forEach(i -> definitions.put(i.id(), new Definition(i.id(), i.unit(), i.category())));
    }

    public static Optional<Period> period(String name) {
        return name == null ? Optional.empty() : ReportingPeriod.parse(name.strip())
                .map(p -> new Period(p.name(), p.from(), p.until()));
    }

    /** Every computed indicator, in the order the indicators' report lists them. */
    public List<Definition> definitions() {
        return List.copyOf(definitions.values());
    }

    public Optional<Definition> definition(String indicatorId) {
        return Optional.ofNullable(definitions.get(indicatorId));
    }

    /** The figures of the bindings (indicator id and category, or null) in each period, reading the facts once. */
    public Map<String, Map<List<String>, Figure>> figures(List<String> periods, List<List<String>> bindings) {
        Map<String, Map<List<String>, Figure>> byPeriod = new HashMap<>();
        if (periods.isEmpty() || bindings.isEmpty()) {
            return byPeriod;
        }
        List<IndicatorFacts> facts = indicators.facts();
        for (String name : periods) {
            ReportingPeriod period = ReportingPeriod.parse(name).orElseThrow();
            IndicatorReport report = indicators.answer(IndicatorRequest.of(period), facts);
            Map<List<String>, Figure> figures = new HashMap<>();
            for (List<String> binding : bindings) {
                figures.put(binding, figure(report, binding.get(0), binding.get(1)));
            }
            byPeriod.put(name, figures);
        }
        return byPeriod;
    }

    private static Figure figure(IndicatorReport report, String id, String category) {
        Indicator indicator = report.indicators().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        Optional<Row> row = indicator.rows().stream()
                .filter(r -> PerformanceIndicators.ALL.equals(r.group()) && Objects.equals(r.category(), category))
                .findFirst();
        if (row.isEmpty()) {
            // nothing counted: a count of none is zero; a share or a duration of none has no value
            return new Figure(id, category, indicator.unit(), indicator.kind() == IndicatorReport.Kind.COUNT
                    ? 0.0 : null, false);
        }
        Row r = row.get();
        Double value = r.suppressed() ? null : switch (indicator.kind()) {
            case COUNT -> r.count() == null ? null : r.count().doubleValue();
            case SHARE -> r.percent();
            case DURATION -> r.median();
        };
        return new Figure(id, category, indicator.unit(), value, r.suppressed());
    }
}
