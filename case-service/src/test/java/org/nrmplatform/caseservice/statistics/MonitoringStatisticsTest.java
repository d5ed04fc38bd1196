package org.nrmplatform.caseservice.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.statistics.StatisticsTable.Cell;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.server.ResponseStatusException;

/** The statistics over a known set of 42 cases, with a suppression threshold of 5. */
class MonitoringStatisticsTest {

    private static final int THRESHOLD = 5;

    /** {@code count} cases alike; {@code stage} POTENTIAL_VICTIM for cases not decided yet. */
    record Profile(int count, String sex, List<String> citizenship, LocalDate dateOfBirth, AgeCategory category,
                   int year, CaseStage stage, int decisionAfterDays, List<String> control, boolean referred) {
    }

    static final List<Profile> PROFILES = List.of(
            new Profile(12, "Feminine", List.of("AL"), LocalDate.of(1994, 6, 1), AgeCategory.ADULT, 2025,
                    CaseStage.IDENTIFIED_VICTIM, 10, List.of("WithholdsDocuments", "TakesEarnings"), true),
            new Profile(10, "Masculine", List.of("AL"), LocalDate.of(2000, 6, 1), AgeCategory.ADULT, 2025,
                    CaseStage.IDENTIFIED_VICTIM, 20, List.of("DebtBondage"), false),
            new Profile(8, "Feminine", List.of("AL"), null, AgeCategory.ADULT, 2024, CaseStage.POTENTIAL_VICTIM, 0,
                    List.of(), false),
            new Profile(7, "Masculine", List.of("RS"), LocalDate.of(2010, 1, 1), AgeCategory.CHILD, 2025,
                    CaseStage.POTENTIAL_VICTIM, 0, List.of(), false),
            new Profile(3, "Feminine", List.of("NG"), LocalDate.of(1990, 1, 1), AgeCategory.ADULT, 2025,
                    CaseStage.NOT_IDENTIFIED, 30, List.of(), false),
            new Profile(2, "Masculine", List.of("AL"), LocalDate.of(1970, 1, 1), AgeCategory.ADULT, 2025,
                    CaseStage.NOT_IDENTIFIED, 30, List.of(), false));

    private final MonitoringStatistics statistics;

    MonitoringStatisticsTest() {
        MongoTemplate mongo = mock(MongoTemplate.class);
        List<CaseFacts> cases = new ArrayList<>();
        int referral = 0;
        for (Profile profile : PROFILES) {
            for (int i = 0; i < profile.count(); i++) {
                cases.add(facts(profile, referral++ % 2 == 0 ? 24 : 48));
            }
        }
        when(mongo.findAll(CaseFacts.class, CaseFacts.COLLECTION)).thenReturn(cases);
        ProjectionVersions versions = mock(ProjectionVersions.class);
        when(versions.currentCollection(CaseStatisticsProjection.NAME, CaseFacts.COLLECTION))
                .thenReturn(CaseFacts.COLLECTION);
        statistics = new MonitoringStatistics(mongo, new CaseStatisticsProjection(mongo, null, versions),
                new StatisticsProperties(THRESHOLD, 11));
    }

    @Test
    void casesAreCountedByStageAndSexAndSmallCellsAreSuppressedWithTheirPartners() {
        assertThat(cells("groupBy=stage,sex")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "IDENTIFIED_VICTIM/Feminine", "12",
                "IDENTIFIED_VICTIM/Masculine", "10",
                "NOT_IDENTIFIED/Feminine", "suppressed",
                "NOT_IDENTIFIED/Masculine", "suppressed",
                // published, these would give the small cells away through the sex margins
                "POTENTIAL_VICTIM/Feminine", "suppressed",
                "POTENTIAL_VICTIM/Masculine", "suppressed"));
        assertThat(cells("groupBy=sex")).containsExactlyInAnyOrderEntriesOf(Map.of("Feminine", "23", "Masculine", "19"));
        assertThat(cells("groupBy=stage")).containsExactlyInAnyOrderEntriesOf(
                Map.of("IDENTIFIED_VICTIM", "22", "POTENTIAL_VICTIM", "15", "NOT_IDENTIFIED", "5"));
        assertThat(cells("groupBy=ageBand")).containsExactlyInAnyOrderEntriesOf(
                Map.of("30--38", "15", "24--26", "10", "ADULT", "8", "9--17", "suppressed", "48+", "suppressed"));
        assertThat(cells("")).containsExactly(Map.entry("", "42"));
    }

    @Test
    void aCaseCountsOnceForEachOfItsMethodsOfControl() {
        StatisticsTable table = answer("groupBy=methodOfControl");
        assertThat(cells(table)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "WithholdsDocuments", "12", "TakesEarnings", "12", "DebtBondage", "10", "Unknown", "20"));
        assertThat(table.notes()).anyMatch(note -> note.contains("A case may count in several cells"));
    }

    /**
     * The attacker knows the total, both margins and every published cell of stage x sex, and that a listed
     * cell holds at least one case. Every assignment of the suppressed cells that fits all of it is a
     * possible truth: the small cell (2 men not identified) must have more than one possible value.
     */
    @Test
    void differencingTheTotalAndTheMarginsDoesNotRecoverASuppressedCell() {
        long total = Long.parseLong(cells("").get(""));
        Map<String, String> bySex = cells("groupBy=sex");
        Map<String, String> byStage = cells("groupBy=stage");
        Map<String, String> table = cells("groupBy=stage,sex");

        // a small cell alone in its column would be the margin minus the published cells: never so
        for (String sex : bySex.keySet()) {
            long hidden = table.entrySet().stream().filter(cell -> cell.getKey().endsWith("/" + sex)
                    && cell.getValue().equals("suppressed")).count();
            assertThat(hidden).as("suppressed cells of %s", sex).isNotEqualTo(1);
        }
        List<String> unknown = table.entrySet().stream().filter(cell -> cell.getValue().equals("suppressed"))
                .map(Map.Entry::getKey).toList();
        Set<Long> possible = new HashSet<>();
        solve(unknown, new long[unknown.size()], 0, total, table, bySex, byStage,
                unknown.indexOf("NOT_IDENTIFIED/Masculine"), possible);
        assertThat(possible).as("values of the small cell consistent with everything published")
                .contains(2L).hasSizeGreaterThan(1);

        // in one dimension: the total minus the published citizenships is the sum of two suppressed cells
        assertThat(cells("groupBy=citizenship")).containsExactlyInAnyOrderEntriesOf(
                Map.of("AL", "32", "RS", "suppressed", "NG", "suppressed"));
        assertThat(total - 32).isEqualTo(10).isNotEqualTo(3);
    }

    @Test
    void filtersOnlySelectCellsOfTheTableTheyAreGroupedBy() {
        List<Cell> all = answer("groupBy=year,sex").cells();
        List<Cell> of2025 = answer("groupBy=year,sex&year=2025").cells();
        assertThat(of2025).isEqualTo(all.stream().filter(cell -> cell.values().get("year").equals("2025")).toList());
        assertThat(cells("groupBy=year,sex&year=2025")).containsExactlyInAnyOrderEntriesOf(
                Map.of("2025/Feminine", "15", "2025/Masculine", "19"));
        assertThatThrownBy(() -> answer("groupBy=sex&year=2025")).isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("year");
    }

    @Test
    void durationsAreMediansAndNinetiethPercentilesSuppressedBelowTheThreshold() {
        List<DurationStatistic> durations = answer("").durations();
        assertThat(durations).containsExactly(
                new DurationStatistic("screeningToIdentificationDecision", "days", 25L, 20.0, 30.0, false),
                new DurationStatistic("identificationDecisionToFirstReferral", "days", 10L, 2.0, 2.0, false),
                new DurationStatistic("referralResponse", "hours", 10L, 36.0, 48.0, false));
        assertThat(answer("groupBy=citizenship&citizenship=NG").durations().get(0))
                .isEqualTo(new DurationStatistic("screeningToIdentificationDecision", "days", null, null, null, true));
    }

    @Test
    void theCsvUsesCtdcColumnNamesAndLeavesSuppressedCountsEmpty() {
        assertThat(StatisticsCsv.of(answer("groupBy=sex,ageBand")).split("\r\n")).containsExactly(
                "prs_Gender,ageBroad,count,suppressed",
                "Feminine,30--38,15,false",
                "Feminine,ADULT,8,false",
                "Masculine,24--26,10,false",
                "Masculine,48+,,true",
                "Masculine,9--17,,true");
    }

    @Test
    void badQuestionsAreRefusedNamingTheParameter() {
        for (String question : List.of("groupBy=stage,religion", "groupBy=stage,sex,year,country", "groupBy=sex,sex",
                "format=xml", "colour=red", "groupBy=year&year=last", "groupBy=year&year=2024&year=2025")) {
            assertThatThrownBy(() -> answer(question)).as(question).isInstanceOf(ResponseStatusException.class)
                    .satisfies(e -> assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(400));
        }
        assertThatThrownBy(() -> answer("groupBy=stage,religion")).hasMessageContaining("religion");
    }

    private StatisticsTable answer(String question) {
        LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        for (String parameter : question.split("&")) {
            if (!parameter.isEmpty()) {
                String[] nameAndValue = parameter.split("=", 2);
                parameters.add(nameAndValue[0], nameAndValue[1]);
            }
        }
        return statistics.answer(StatisticsRequest.from(parameters));
    }

    private Map<String, String> cells(String question) {
        return cells(answer(question));
    }

    /** The cells as "value/value" → count, or "suppressed". */
    private static Map<String, String> cells(StatisticsTable table) {
        Map<String, String> cells = new HashMap<>();
        for (Cell cell : table.cells()) {
            assertThat(cell.count() == null).isEqualTo(cell.suppressed());
            cells.put(String.join("/", cell.values().values()),
                    cell.suppressed() ? "suppressed" : cell.count().toString());
        }
        return cells;
    }

    /** Every assignment of the unknown cells, each 1..23 (the largest margin), that fits every published number. */
    private static void solve(List<String> unknown, long[] values, int next, long total, Map<String, String> table,
                              Map<String, String> bySex, Map<String, String> byStage, int small, Set<Long> found) {
        if (next == unknown.size()) {
            Map<String, Long> cells = new HashMap<>();
            table.forEach((key, value) -> cells.put(key, value.equals("suppressed") ? values[unknown.indexOf(key)]
                    : Long.parseLong(value)));
            if (cells.values().stream().mapToLong(Long::longValue).sum() == total
                    && fitsMargins(cells, bySex, 1) && fitsMargins(cells, byStage, 0)) {
                found.add(values[small]);
            }
            return;
        }
        for (long value = 1; value <= 23; value++) {
            values[next] = value;
            solve(unknown, values, next + 1, total, table, bySex, byStage, small, found);
        }
    }

    private static boolean fitsMargins(Map<String, Long> cells, Map<String, String> margins, int position) {
        return margins.entrySet().stream().filter(margin -> !margin.getValue().equals("suppressed"))
                .allMatch(margin -> cells.entrySet().stream()
                        .filter(cell -> cell.getKey().split("/")[position].equals(margin.getKey()))
                        .mapToLong(Map.Entry::getValue).sum() == Long.parseLong(margin.getValue()));
    }

    private static CaseFacts facts(Profile profile, int responseHours) {
        Instant screenedAt = Instant.parse(profile.year() + "-03-01T10:00:00Z");
        boolean decided = profile.stage() == CaseStage.IDENTIFIED_VICTIM || profile.stage() == CaseStage.NOT_IDENTIFIED;
        Instant decidedAt = decided ? screenedAt.plus(Duration.ofDays(profile.decisionAfterDays())) : null;
        Map<String, CaseFacts.ReferralTimes> referrals = new HashMap<>();
        if (profile.referred()) {
            Instant requested = decidedAt.plus(Duration.ofDays(2));
            referrals.put("r", new CaseFacts.ReferralTimes(requested, requested.plus(Duration.ofHours(responseHours))));
        }
        return new CaseFacts(UUID.randomUUID().toString(), profile.stage(), false, profile.sex(),
                AgeBand.of(profile.dateOfBirth(), screenedAt, profile.category()),
                profile.stage() == CaseStage.IDENTIFIED_VICTIM ? List.of("ForcedLabour") : List.of(), profile.control(),
                profile.citizenship(), "RS", "LABOUR_INSPECTION", profile.year(), screenedAt, decidedAt, referrals, null);
    }
}
