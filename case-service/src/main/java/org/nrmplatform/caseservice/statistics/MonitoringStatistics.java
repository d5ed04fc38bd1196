package org.nrmplatform.caseservice.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nrmplatform.caseservice.projections.VersionedCollection;
import org.nrmplatform.caseservice.statistics.StatisticsTable.Cell;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts and durations for monitoring (PRODUCT.md §3 point 7), computed in memory from the anonymised
 * facts. Suppression is decided on the whole table before filters select cells of it, so every answer is
 * a part of one suppressed table per grouping.
 */
@Component
@EnableConfigurationProperties(StatisticsProperties.class)
class MonitoringStatistics {

    private final MongoTemplate mongo;
    private final VersionedCollection facts;
    private final int threshold;

    MonitoringStatistics(MongoTemplate mongo, CaseStatisticsProjection projection, StatisticsProperties properties) {
        this.mongo = mongo;
        this.facts = projection.collection();
        this.threshold = properties.suppressionThreshold();
    }

    StatisticsTable answer(StatisticsRequest request) {
        List<CaseFacts> cases = mongo.findAll(CaseFacts.class, facts.current()).stream()
                .filter(CaseFacts::opened).toList();
        List<Dimension> dimensions = request.groupBy();

        Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing(Object::toString));
        for (CaseFacts facts : cases) {
            for (List<String> key : combinations(facts, dimensions)) {
                counts.merge(key, 1L, Long::sum);
            }
        }
        Set<List<String>> suppressed = CellSuppression.suppressed(counts, dimensions.size(), threshold);
        List<Cell> cells = new ArrayList<>();
        counts.forEach((key, count) -> {
            if (selected(key, dimensions, request.filters())) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < dimensions.size(); i++) {
                    values.put(dimensions.get(i).parameter(), key.get(i));
                }
                boolean hidden = suppressed.contains(key);
                cells.add(new Cell(values, hidden ? null : count, hidden));
            }
        });

        List<CaseFacts> filtered = cases.stream().filter(facts -> request.filters().entrySet().stream()
                .allMatch(filter -> filter.getKey().valuesOf(facts).contains(filter.getValue()))).toList();
        return new StatisticsTable(dimensions.stream().map(Dimension::parameter).toList(),
                request.filters().entrySet().stream().collect(Collectors.toMap(e -> e.getKey().parameter(),
                        Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)),
                threshold, cells, durations(filtered), notes(dimensions));
    }

    /** Every combination of the case's values: one, unless a dimension is multi-valued. */
    private static List<List<String>> combinations(CaseFacts facts, List<Dimension> dimensions) {
        List<List<String>> keys = List.of(List.of());
        for (Dimension dimension : dimensions) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> key : keys) {
                for (String value : dimension.valuesOf(facts)) {
                    List<String> next = new ArrayList<>(key);
                    next.add(value);
                    longer.add(List.copyOf(next));
                }
            }
            keys = longer;
        }
        return keys;
    }

    private static boolean selected(List<String> key, List<Dimension> dimensions, Map<Dimension, String> filters) {
        return filters.entrySet().stream()
                .allMatch(filter -> key.get(dimensions.indexOf(filter.getKey())).equals(filter.getValue()));
    }

    private List<DurationStatistic> durations(List<CaseFacts> cases) {
        List<Double> toDecision = new ArrayList<>();
        List<Double> toFirstReferral = new ArrayList<>();
        List<Double> responses = new ArrayList<>();
        for (CaseFacts facts : cases) {
            Instant decided = facts.identificationDecidedAt();
            if (decided != null) {
                toDecision.add(days(facts.screenedAt(), decided));
            }
            Map<String, CaseFacts.ReferralTimes> referrals = facts.referrals() == null ? Map.of() : facts.referrals();
            if (decided != null) {
                referrals.values().stream().map(CaseFacts.ReferralTimes::requestedAt).filter(Objects::nonNull)
                        .filter(requested -> !requested.isBefore(decided)).min(Comparator.naturalOrder())
                        .ifPresent(first -> toFirstReferral.add(days(decided, first)));
            }
            referrals.values().stream()
                    .filter(times -> times.requestedAt() != null && times.answeredAt() != null)
                    .forEach(times -> responses.add(hours(times.requestedAt(), times.answeredAt())));
        }
        return List.of(
                DurationStatistic.of("screeningToIdentificationDecision", "days", toDecision, threshold),
                DurationStatistic.of("identificationDecisionToFirstReferral", "days", toFirstReferral, threshold),
                DurationStatistic.of("referralResponse", "hours", responses, threshold));
    }

    private static double days(Instant from, Instant to) {
        return hours(from, to) / 24;
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes() / 60.0;
    }

    private List<String> notes(List<Dimension> dimensions) {
        List<String> notes = new ArrayList<>();
        notes.add("Counts below " + threshold + " are suppressed (count null), and so is, in every row and column "
                + "with exactly one such count, the next-smallest count, so that no margin or total gives a "
                + "suppressed count away. Combinations without any case are not listed.");
        dimensions.stream().filter(Dimension::multiValued).map(Dimension::parameter).forEach(name -> notes.add(
                "A case may count in several cells: it counts once for each of its " + name + " values."));
        notes.add("Durations are over the cases the filters select; referral response times are per referral. "
                + "The number of cases behind a duration is rounded down to a multiple of " + threshold + ".");
        return notes;
    }
}
