package org.nrmplatform.caseservice.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nrmplatform.caseservice.projections.VersionedCollection;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Indicator;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Kind;
import org.nrmplatform.caseservice.statistics.IndicatorReport.NotComputed;
import org.nrmplatform.caseservice.statistics.IndicatorReport.Row;
import org.nrmplatform.caseservice.statistics.IndicatorRequest.Breakdown;
import org.nrmplatform.shared.codelists.CodeList;
import org.nrmplatform.shared.codelists.CodeLists;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The NRM performance indicators (issue 19, point 1), computed in memory from {@link IndicatorFacts} for one
 * period. Counts and shares are suppressed as the statistics' tables are ({@link CellSuppression}, the same
 * threshold): a count table is suppressed whole, by group and category, before a filter selects a group; a
 * share is its two counts (with and without) and is suppressed when either is; a duration needs as many
 * values as the threshold ({@link DurationStatistic}).
 */
@Component
@EnableConfigurationProperties(IndicatorProperties.class)
class PerformanceIndicators {

    /** The group of the totals, and of every row when no breakdown is asked for. */
    static final String ALL = "All";
    static final String RETURNED = "RETURNED_TO_COUNTRY_OF_ORIGIN";
    static final String ASSISTED_RETURN = "ASSISTED_RETURN";
    private static final String YES = "yes";
    /** The feedback answers (code list feedback-answer): YES counts as positive; NOT_SAYING is no answer. */
    static final String YES_ANSWER = "YES";
    static final String NOT_SAYING = "NOT_SAYING";
    private static final String NO = "no";

    /** What victims are counted by: a case's values of each (several for citizenship and exploitation). */
    private static final Map<String, Function<IndicatorFacts, List<String>>> VICTIM_DIMENSIONS = Map.of(
            "detectingSector", facts -> one(facts.detectingSector()),
            "sex", facts -> one(facts.sex()),
            "ageBand", facts -> one(facts.ageBand()),
            "citizenship", facts -> many(facts.citizenship()),
            "typeOfExploitation", facts -> many(facts.typesOfExploitation()));
    static final List<String> VICTIM_DIMENSION_ORDER = List.of("detectingSector", "sex", "ageBand", "citizenship",
            "typeOfExploitation");

    private final MongoTemplate mongo;
    private final VersionedCollection facts;
    private final int threshold;
    private final IndicatorProperties properties;
    private final List<String> serviceTypes;

    PerformanceIndicators(MongoTemplate mongo, CaseIndicatorsProjection projection, StatisticsProperties statistics,
                          IndicatorProperties properties, CodeLists codeLists) {
        this.mongo = mongo;
        this.facts = projection.collection();
        this.threshold = statistics.suppressionThreshold();
        this.properties = properties;
        this.serviceTypes = codeLists.get("service-type").values().stream().map(CodeList.Value::code).toList();
    }

    int threshold() {
        return threshold;
    }

    /** The service types of the code list, each a category of the services received. */
    List<String> serviceTypes() {
        return serviceTypes;
    }

    /** The facts now serving, read once for the reports of several periods. */
    List<IndicatorFacts> facts() {
        return mongo.findAll(IndicatorFacts.class, facts.current());
    }

    IndicatorReport answer(IndicatorRequest request) {
        return answer(request, facts());
    }

    IndicatorReport answer(IndicatorRequest request, List<IndicatorFacts> all) {
        ReportingPeriod period = request.period();
        Function<IndicatorFacts, String> group = groupOf(request.by());
        Predicate<String> selected = request.group() == null ? g -> true : request.group()::equals;
        Table table = new Table(request.by() != null, selected, request.group() == null);
        List<IndicatorFacts> cases = all.stream().filter(IndicatorFacts::opened).toList();
        List<Indicator> indicators = new ArrayList<>();

        List<IndicatorFacts> flagged = cases.stream().filter(f -> period.contains(f.presumedVictimFlaggedAt())).toList();
        List<IndicatorFacts> decided = cases.stream().filter(f -> period.contains(f.identificationDecidedAt())).toList();
        List<IndicatorFacts> identified = decided.stream().filter(f -> Boolean.TRUE.equals(f.identified())).toList();

        indicators.add(table.count("presumedVictims", null,
                "cases first flagged as presumed victims in the period",
                flagged.stream().map(f -> new Item(group.apply(f), null))));
        for (String dimension : VICTIM_DIMENSION_ORDER) {
            indicators.add(table.count("presumedVictims." + dimension, dimension,
                    "cases first flagged as presumed victims in the period, by " + dimension + victimsNote(dimension),
                    byDimension(flagged, dimension, group)));
        }
        indicators.add(table.count("identifiedVictims", null,
                "identification decisions 'identified' recorded in the period",
                identified.stream().map(f -> new Item(group.apply(f), null))));
        for (String dimension : VICTIM_DIMENSION_ORDER) {
            indicators.add(table.count("identifiedVictims." + dimension, dimension,
                    "identification decisions 'identified' recorded in the period, by " + dimension
                            + victimsNote(dimension), byDimension(identified, dimension, group)));
        }

        indicators.add(table.duration("screeningToPresumedVictim",
                "days from screening to the first presumed-victim flag, of cases flagged in the period",
                flagged.stream().map(f -> new Measure(group.apply(f), days(f.screenedAt(), f.presumedVictimFlaggedAt())))));
        indicators.add(table.duration("screeningToIdentificationDecision",
                "days from screening to the identification decision, of decisions recorded in the period",
                decided.stream().map(f -> new Measure(group.apply(f), days(f.screenedAt(), f.identificationDecidedAt())))));
        indicators.add(table.duration("screeningToFirstReferral",
                "days from screening to the case's first national referral, of first referrals requested in the period",
                cases.stream().flatMap(f -> firstReferral(f).filter(period::contains).stream()
                        .map(first -> new Measure(group.apply(f), days(f.screenedAt(), first))))));

        indicators.add(table.share("identificationDecisionsPositive",
                "identification decisions recorded in the period; with: the outcome is 'identified'",
                decided.stream().map(f -> new Outcome(group.apply(f), null, Boolean.TRUE.equals(f.identified())))));
        indicators.add(table.share("reflectionPeriodGranted",
                "cases first flagged as presumed victims in the period; with: a reflection period was started (as "
                        + "recorded so far)",
                flagged.stream().map(f -> new Outcome(group.apply(f), null, f.reflectionPeriodStart() != null))));
        indicators.add(table.duration("reflectionPeriodLength",
                "days from the start of a reflection period to its legal end, of periods starting in the period",
                cases.stream().filter(f -> period.contains(f.reflectionPeriodStart()) && f.reflectionPeriodEnd() != null)
                        .map(f -> new Measure(group.apply(f), days(f.reflectionPeriodStart(), f.reflectionPeriodEnd())))));

        List<Map.Entry<String, IndicatorFacts.Referral>> referrals = cases.stream()
                .flatMap(f -> f.referralsOrNone().values().stream()
                        .filter(referral -> period.contains(referral.requestedAt()))
                        .map(referral -> Map.entry(group.apply(f), referral))).toList();
        indicators.add(table.share("referralsAnsweredInTime",
                "national referrals requested in the period; with: accepted or declined by their respond-by time",
                referrals.stream().map(r -> new Outcome(r.getKey(), null, r.getValue().answeredAt() != null
                        && r.getValue().respondBy() != null && !r.getValue().answeredAt().isAfter(r.getValue().respondBy())))));
        indicators.add(table.share("referralsAccepted",
                "national referrals requested in the period; with: accepted by the provider (as recorded so far)",
                referrals.stream().map(r -> new Outcome(r.getKey(), null, Boolean.TRUE.equals(r.getValue().accepted())))));
        indicators.add(table.share("referralsCompleted",
                "national referrals requested in the period; with: completed (as recorded so far)",
                referrals.stream().map(r -> new Outcome(r.getKey(), null, r.getValue().completedAt() != null))));

        indicators.add(table.share("identifiedVictimsReceivingService", "serviceType",
                "identification decisions 'identified' recorded in the period; with: at least one assistance step of "
                        + "the service type recorded (as recorded so far)",
                identified.stream().flatMap(f -> serviceTypes.stream().map(type -> new Outcome(group.apply(f), type,
                        f.servicesReceivedOrNone().contains(type))))));
        long target = properties.guardianTargetDays();
        indicators.add(table.share("childrenWithGuardianInTarget",
                "cases of children (age category CHILD) screened in the period; with: a guardian appointed within "
                        + target + " days of the screening day",
                cases.stream().filter(f -> "CHILD".equals(f.ageCategory()) && period.contains(f.screenedAt()))
                        .map(f -> new Outcome(group.apply(f), null, f.guardianAppointedOn() != null
                                && Duration.between(f.screenedAt().truncatedTo(ChronoUnit.DAYS),
                                f.guardianAppointedOn()).toDays() <= target))));

        indicators.add(table.count("transnationalReferralsSent", null,
                "transnational referrals sent to another NRM in the period",
                cases.stream().flatMap(f -> f.transnationalReferralsOrNone().values().stream()
                        .filter(sent -> period.contains(sent.sentAt())).map(sent -> new Item(group.apply(f), null)))));
        indicators.add(table.count("transnationalReferralsReceived", null,
                "transnational referrals received from another NRM in the period (region and sector not recorded: "
                        + Dimension.UNKNOWN + ")",
                all.stream().filter(f -> Boolean.TRUE.equals(f.incoming()) && period.contains(f.receivedAt()))
                        .map(f -> new Item(request.by() == null ? ALL : Dimension.UNKNOWN, null))));
        indicators.add(table.count("returns", null,
                "cases closed in the period as " + RETURNED,
                cases.stream().filter(f -> RETURNED.equals(f.closureReason()) && period.contains(f.closedAt()))
                        .map(f -> new Item(group.apply(f), null))));
        indicators.add(table.count("assistedReturnReferrals", "referral",
                "referrals for " + ASSISTED_RETURN + " requested (national) or sent (transnational) in the period",
                cases.stream().flatMap(f -> Stream.concat(
                        f.referralsOrNone().values().stream().filter(r -> ASSISTED_RETURN.equals(r.serviceType())
                                && period.contains(r.requestedAt())).map(r -> new Item(group.apply(f), "national")),
                        f.transnationalReferralsOrNone().values().stream().filter(t -> ASSISTED_RETURN.equals(
                                t.serviceType()) && period.contains(t.sentAt()))
                                .map(t -> new Item(group.apply(f), "transnational"))))));
        indicators.add(table.count("identifiedAgainAfterClosedCase", null,
                "cases linked in the period as the same person as an earlier case that was closed by then: persons "
                        + "identified again (re-trafficking), found by the blind index and confirmed by a professional",
                cases.stream().filter(f -> period.contains(f.identifiedAgainAt()))
                        .map(f -> new Item(group.apply(f), null))));
        indicators.add(table.count("criminalProceedingsOpened", null,
                "cases for which a prosecutor's office first recorded a legal basis (proceedings) in the period",
                cases.stream().filter(f -> period.contains(f.legalBasisRecordedAt()))
                        .map(f -> new Item(group.apply(f), null))));
        indicators.add(table.count("casesInCriminalProceedings", null,
                "cases with a legal basis (proceedings) recorded by a prosecutor's office by the end of the period",
                cases.stream().filter(f -> period.byEnd(f.legalBasisRecordedAt()))
                        .map(f -> new Item(group.apply(f), null))));

        List<Map.Entry<String, IndicatorFacts.FeedbackGiven>> feedback = cases.stream()
                .flatMap(f -> f.feedbackOrNone().values().stream().filter(given -> period.contains(given.givenAt()))
                        .map(given -> Map.entry(group.apply(f), given))).toList();
        indicators.add(table.count("feedbackGiven", null,
                "the person's feedback on the assistance received, given in the period (recorded by the case "
                        + "manager or through the person's link)",
                feedback.stream().map(given -> new Item(given.getKey(), null))));
        indicators.add(table.share("feedbackPositive", "feedbackQuestion",
                "answers to each feedback question given in the period, other than " + NOT_SAYING + "; with: " + YES_ANSWER,
                feedback.stream().flatMap(given -> given.getValue().answersOrNone().entrySet().stream()
                        .filter(answer -> !NOT_SAYING.equals(answer.getValue()))
                        .map(answer -> new Outcome(given.getKey(), answer.getKey(), YES_ANSWER.equals(answer.getValue()))))));

        return new IndicatorReport(period.name(), period.from(), period.until(),
                request.by() == null ? null : request.by().parameter(), request.group(), threshold,
                properties.guardianTargetDays(), indicators, NOT_COMPUTED, notes());
    }

    private static String victimsNote(String dimension) {
        return dimension.equals("typeOfExploitation")
                ? " (known from the identification decision: " + Dimension.UNKNOWN + " before it)" : "";
    }

    private static Stream<Item> byDimension(List<IndicatorFacts> cases, String dimension,
                                            Function<IndicatorFacts, String> group) {
        Function<IndicatorFacts, List<String>> values = VICTIM_DIMENSIONS.get(dimension);
        return cases.stream().flatMap(f -> values.apply(f).stream().map(value -> new Item(group.apply(f), value)));
    }

    private Function<IndicatorFacts, String> groupOf(Breakdown by) {
        if (by == null) {
            return f -> ALL;
        }
        return switch (by) {
            case REGION -> f -> properties.regionOf(f.municipality()).orElse(Dimension.UNKNOWN);
            case DETECTING_SECTOR -> f -> one(f.detectingSector()).get(0);
        };
    }

    private static Optional<Instant> firstReferral(IndicatorFacts f) {
        return f.referralsOrNone().values().stream().map(IndicatorFacts.Referral::requestedAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder());
    }

    /** Days between two instants; a start recorded after the end (a late correction) counts as zero. */
    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMinutes() / 60.0 / 24);
    }

    private static List<String> one(String value) {
        return List.of(value == null || value.isBlank() ? Dimension.UNKNOWN : value);
    }

    private static List<String> many(List<String> values) {
        return values == null || values.isEmpty() ? List.of(Dimension.UNKNOWN) : values.stream().distinct().toList();
    }

    private record Item(String group, String category) {
    }

    private record Outcome(String group, String category, boolean with) {
    }

    private record Measure(String group, double value) {
    }

    /** Builds an indicator's rows: each group's (when broken down and selected), then the totals (unless filtered). */
    private final class Table {

        private final boolean brokenDown;
        private final Predicate<String> selected;
        private final boolean totals;

        Table(boolean brokenDown, Predicate<String> selected, boolean totals) {
            this.brokenDown = brokenDown;
            this.selected = selected;
            this.totals = totals || !brokenDown;
        }

        Indicator count(String id, String category, String counts, Stream<Item> items) {
            List<Item> all = items.toList();
            Map<List<String>, Long> cells = counted(all.stream().map(item -> List.of(item.group(), key(item.category()))));
            Map<List<String>, Long> margins = counted(all.stream().map(item -> List.of(key(item.category()))));
            List<Row> rows = new ArrayList<>();
            if (brokenDown) {
                Set<List<String>> hidden = CellSuppression.suppressed(cells, 2, threshold);
                cells.forEach((key, count) -> {
                    if (selected.test(key.get(0))) {
                        rows.add(countRow(key.get(0), key.get(1), count, hidden.contains(key)));
                    }
                });
            }
            if (totals) {
                Set<List<String>> hidden = CellSuppression.suppressed(margins, 1, threshold);
                margins.forEach((key, count) -> rows.add(countRow(ALL, key.get(0), count, hidden.contains(key))));
            }
            return new Indicator(id, Kind.COUNT, "cases", category, counts, rows);
        }

        Indicator share(String id, String counts, Stream<Outcome> outcomes) {
            return share(id, null, counts, outcomes);
        }

        Indicator share(String id, String category, String counts, Stream<Outcome> outcomes) {
            Map<String, List<Outcome>> byCategory = outcomes.collect(Collectors.groupingBy(o -> key(o.category()),
                    TreeMap::new, Collectors.toList()));
            List<Row> rows = new ArrayList<>();
            byCategory.forEach((name, of) -> {
                Map<List<String>, Long> cells = counted(of.stream().map(o -> List.of(o.group(), o.with() ? YES : NO)));
                Map<List<String>, Long> margins = counted(of.stream().map(o -> List.of(o.with() ? YES : NO)));
                if (brokenDown) {
                    Set<List<String>> hidden = CellSuppression.suppressed(cells, 2, threshold);
                    cells.keySet().stream().map(key -> key.get(0)).distinct().filter(selected).forEach(g ->
                            rows.add(shareRow(g, name, cells.get(List.of(g, YES)), cells.get(List.of(g, NO)),
                                    hidden.contains(List.of(g, YES)) || hidden.contains(List.of(g, NO)))));
                }
                if (totals) {
                    Set<List<String>> hidden = CellSuppression.suppressed(margins, 1, threshold);
                    rows.add(shareRow(ALL, name, margins.get(List.of(YES)), margins.get(List.of(NO)),
                            hidden.contains(List.of(YES)) || hidden.contains(List.of(NO))));
                }
            });
            return new Indicator(id, Kind.SHARE, "percent", category, counts, rows);
        }

        Indicator duration(String id, String counts, Stream<Measure> measures) {
            Map<String, List<Double>> byGroup = new TreeMap<>();
            List<Double> all = new ArrayList<>();
            measures.forEach(measure -> {
                byGroup.computeIfAbsent(measure.group(), g -> new ArrayList<>()).add(measure.value());
                all.add(measure.value());
            });
            List<Row> rows = new ArrayList<>();
            if (brokenDown) {
                byGroup.forEach((g, values) -> {
                    if (selected.test(g)) {
                        rows.add(durationRow(g, DurationStatistic.of(id, "days", values, threshold)));
                    }
                });
            }
            if (totals && !all.isEmpty()) {
                rows.add(durationRow(ALL, DurationStatistic.of(id, "days", all, threshold)));
            }
            return new Indicator(id, Kind.DURATION, "days", null, counts, rows);
        }
    }

    private static Map<List<String>, Long> counted(Stream<List<String>> keys) {
        Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing(Object::toString));
        keys.forEach(key -> counts.merge(key, 1L, Long::sum));
        return counts;
    }

    /** The key of a category: none is the empty string, so that rows without one still form a table. */
    private static String key(String category) {
        return category == null ? "" : category;
    }

    private static Row countRow(String group, String category, long count, boolean suppressed) {
        return new Row(group, category.isEmpty() ? null : category, suppressed ? null : count, null, null, null,
                null, null, suppressed);
    }

    private static Row shareRow(String group, String category, Long with, Long without, boolean suppressed) {
        long yes = with == null ? 0 : with;
        long of = yes + (without == null ? 0 : without);
        if (suppressed) {
            return new Row(group, category.isEmpty() ? null : category, null, null, null, null, null, null, true);
        }
        return new Row(group, category.isEmpty() ? null : category, yes, of, Math.round(1000.0 * yes / of) / 10.0,
                null, null, null, false);
    }

    private static Row durationRow(String group, DurationStatistic statistic) {
        return new Row(group, null, null, null, null, statistic.median(), statistic.p90(), statistic.casesAtLeast(),
                statistic.suppressed());
    }

    static final List<NotComputed> NOT_COMPUTED = List.of(
            new NotComputed("criminalProceedingsOpened",
                    "The events record that a prosecutor's office recorded a legal basis (proceedings) to have a "
                            + "case's court export, not the proceedings themselves: charges, their stage, convictions "
                            + "and compensation cannot be computed. A case counts from its first legal basis."),
            new NotComputed("returns",
                    "No event records a return as such, nor whether it was voluntary or safe: returns are counted "
                            + "from closures with reason " + RETURNED + ", and referrals for " + ASSISTED_RETURN
                            + " are counted separately."),
            new NotComputed("transnationalReferralsReceived",
                    "A referral received from another NRM has no case here: its region, sector and the person's "
                            + "characteristics are not recorded in clear, so it counts under " + Dimension.UNKNOWN + "."),
            new NotComputed("region",
                    "Events record the country and municipality of screening, not a region: a region is its "
                            + "configured municipalities (nrm.statistics.indicators.regions), or the municipality "
                            + "itself when none are configured."),
            new NotComputed("childrenWithGuardianInTarget",
                    "A guardian's appointment is recorded as a day: the target is in whole days from the screening "
                            + "day, not in hours."),
            new NotComputed("screeningToFirstReferral",
                    "Transnational referrals are not counted as a case's first referral: their answer is the other "
                            + "NRM's."));

    private List<String> notes() {
        return List.of("A count below " + threshold + " is suppressed (no count), and so is, in every group and "
                        + "category line with exactly one such count, the next-smallest count, so that no total gives "
                        + "it away. Groups and categories without any case are not listed.",
                "A share is its two counts (with and without); it is suppressed when either is.",
                "A duration (median and 90th percentile, nearest rank) needs at least " + threshold + " values; the "
                        + "number of values is rounded down to a multiple of " + threshold + ".",
                "Each indicator counts what falls in the period by the date its 'counts' names (in UTC); shares "
                        + "marked 'as recorded so far' may still rise for recent periods.",
                "A case counts once for each of its citizenships and types of exploitation in those tables.");
    }
}
