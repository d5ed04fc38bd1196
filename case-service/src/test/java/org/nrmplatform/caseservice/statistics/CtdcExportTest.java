package org.nrmplatform.caseservice.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.CaseStage;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.server.ResponseStatusException;

/**
 * The CTDC export over generated cases varied enough that small groups occur: every export made here is checked
 * for k-anonymity by counting identical rows, independently of how the export suppressed them.
 */
class CtdcExportTest {

    private static final int K = 11;

    /**
     * CTDC's columns as published in its global k-anonymised dataset (15 July 2021; data dictionary of 25 August
     * 2021), copied here from the published header so that a change of {@link CtdcColumns} is a deliberate one.
     */
    private static final String PUBLISHED_HEADER = """
            yearOfRegistration Datasource gender ageBroad majorityStatus majorityStatusAtExploit majorityEntry \
            citizenship meansOfControlDebtBondage meansOfControlTakesEarnings meansOfControlRestrictsFinancialAccess \
            meansOfControlThreats meansOfControlPsychologicalAbuse meansOfControlPhysicalAbuse \
            meansOfControlSexualAbuse meansOfControlFalsePromises meansOfControlPsychoactiveSubstances \
            meansOfControlRestrictsMovement meansOfControlRestrictsMedicalCare meansOfControlExcessiveWorkingHours \
            meansOfControlUsesChildren meansOfControlThreatOfLawEnforcement meansOfControlWithholdsNecessities \
            meansOfControlWithholdsDocuments meansOfControlOther meansOfControlNotSpecified meansOfControlConcatenated \
            isForcedLabour isSexualExploit isOtherExploit isSexAndLabour isForcedMarriage isForcedMilitary \
            isOrganRemoval isSlaveryAndPractices typeOfExploitConcatenated typeOfLabourAgriculture \
            typeOfLabourAquafarming typeOfLabourBegging typeOfLabourConstruction typeOfLabourDomesticWork \
            typeOfLabourHospitality typeOfLabourIllicitActivities typeOfLabourManufacturing \
            typeOfLabourMiningOrDrilling typeOfLabourPeddling typeOfLabourTransportation typeOfLabourOther \
            typeOfLabourNotSpecified typeOfLabourConcatenated typeOfSexProstitution typeOfSexPornography \
            typeOfSexRemoteInteractiveServices typeOfSexPrivateSexualServices typeOfSexConcatenated isAbduction \
            RecruiterRelationship CountryOfExploitation recruiterRelationIntimatePartner recruiterRelationFriend \
            recruiterRelationFamily recruiterRelationOther recruiterRelationUnknown""";

    /** Columns no event of ours records: -99 in every row, whatever the case. */
    private static final List<String> NOT_RECORDED = List.of("majorityStatusAtExploit", "majorityEntry",
            "meansOfControlRestrictsMovement", "meansOfControlUsesChildren", "typeOfLabourAgriculture",
            "typeOfLabourAquafarming", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
            "typeOfLabourHospitality", "typeOfLabourIllicitActivities", "typeOfLabourManufacturing",
            "typeOfLabourMiningOrDrilling", "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther",
            "typeOfLabourNotSpecified", "typeOfLabourConcatenated", "typeOfSexProstitution", "typeOfSexPornography",
            "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated",
            "isAbduction", "RecruiterRelationship", "CountryOfExploitation", "recruiterRelationIntimatePartner",
            "recruiterRelationFriend", "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown");

    private static final List<CaseFacts> CASES = generated(1200, new Random(19));

    @Test
    void theColumnsAreCtdcsPublishedColumnsInTheirOrder() {
        assertThat(CtdcColumns.ALL).containsExactly(PUBLISHED_HEADER.split(" "));
        assertThat(CtdcColumns.ALL).hasSize(63).doesNotHaveDuplicates();
    }

    @Test
    void everyExportIsKAnonymousAndSuppressionHappens() {
        for (String question : List.of("", "from=2025", "to=2024", "from=2024&to=2024", "to=2023", "from=2026")) {
            CtdcExport.Dataset dataset = export(question);
            Map<List<String>, Integer> classes = new HashMap<>();
            for (Map<String, String> row : dataset.rows()) {
                assertThat(row.keySet()).containsExactlyElementsOf(CtdcColumns.ALL);
                classes.merge(List.copyOf(row.values()), 1, Integer::sum);
            }
            int smallest = classes.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            System.out.printf("CTDC export [%s]: %d rows in %d classes, smallest class %d, %d cells suppressed, "
                            + "%d rows dropped (k = %d)%n", question.isEmpty() ? "all years" : question,
                    dataset.rows().size(), classes.size(), smallest, dataset.cellsSuppressed(), dataset.rowsDropped(), K);
            assertThat(classes.values()).as("rows identical to each row, for [%s]", question).allMatch(size -> size >= K);
            assertThat(dataset.smallestClass()).isEqualTo(smallest);
            if (!question.equals("from=2026") && !question.equals("to=2023")) {
                assertThat(dataset.cellsSuppressed()).as("suppression happens on these cases").isPositive();
                assertThat(dataset.rows()).isNotEmpty();
            }
        }
        assertThat(export("to=2023").rowsDropped()).as("too few cases in the year, even with every column gone")
                .isEqualTo(4);
        assertThat(export("to=2023").rows()).isEmpty();
        assertThat(export("from=2026").rows()).isEmpty();
    }

    @Test
    void aYearsRowsAreTheSameInEveryRangeSoExportsCannotBeSubtracted() {
        List<Map<String, String>> all = export("").rows();
        for (String year : List.of("2023", "2024", "2025")) {
            assertThat(export("from=" + year + "&to=" + year).rows()).isEqualTo(
                    all.stream().filter(row -> row.get("yearOfRegistration").equals(year)).toList());
        }
    }

    @Test
    void onlyPresumedAndIdentifiedVictimsAreExported() {
        long victims = CASES.stream().filter(facts -> CtdcRecord.VICTIMS.contains(facts.stage())).count();
        CtdcExport.Dataset dataset = export("");
        assertThat(dataset.rows().size() + dataset.rowsDropped()).isEqualTo(victims).isLessThan(CASES.size());
    }

    @Test
    void aCaseIsWrittenInCtdcsValuesAndWhatWeDoNotRecordIsMinus99() {
        Map<String, String> row = CtdcRecord.of(facts(CaseStage.IDENTIFIED_VICTIM, "Feminine", "9--17", List.of("AL"),
                List.of("SexualExploitation", "ForcedBegging"), List.of("DebtBondage", "PhysicalThreats",
                        "ThreatensChildrenFamily"), 2025));
        assertThat(row).containsEntry("yearOfRegistration", "2025").containsEntry("Datasource", "Case Management")
                .containsEntry("gender", "Female").containsEntry("ageBroad", "9--17")
                .containsEntry("majorityStatus", "Minor").containsEntry("citizenship", "AL")
                .containsEntry("meansOfControlDebtBondage", "1").containsEntry("meansOfControlThreats", "1")
                .containsEntry("meansOfControlTakesEarnings", "0").containsEntry("meansOfControlNotSpecified", "0")
                .containsEntry("meansOfControlConcatenated", "Debt bondage;Threats")
                .containsEntry("isForcedLabour", "1").containsEntry("isSexualExploit", "1")
                .containsEntry("isSexAndLabour", "1").containsEntry("isForcedMarriage", "0")
                .containsEntry("typeOfLabourBegging", "1")
                .containsEntry("typeOfExploitConcatenated",
                        "Forced labour;Sexual exploitation;Combined sexual and labour exploitation");
        NOT_RECORDED.forEach(column -> assertThat(row).containsEntry(column, "-99"));

        Map<String, String> presumed = CtdcRecord.of(facts(CaseStage.PRESUMED_VICTIM, "NonConforming", "ADULT",
                List.of("AL", "RS"), null, null, 2024));
        assertThat(presumed).as("no gender of the same meaning, no band, two citizenships, no decision yet")
                .containsEntry("gender", "-99").containsEntry("ageBroad", "-99").containsEntry("majorityStatus", "Adult")
                .containsEntry("citizenship", "-99").containsEntry("isForcedLabour", "-99")
                .containsEntry("meansOfControlDebtBondage", "-99").containsEntry("meansOfControlConcatenated", "-99");
        assertThat(CtdcRecord.of(facts(CaseStage.IDENTIFIED_VICTIM, "Masculine", AgeBand.ERASED, List.of("UA"),
                List.of(), List.of(), 2025))).as("erased: the age is gone; decided without types or methods")
                .containsEntry("ageBroad", "-99").containsEntry("majorityStatus", "-99")
                .containsEntry("isForcedLabour", "-99").containsEntry("meansOfControlNotSpecified", "1")
                .containsEntry("meansOfControlConcatenated", "Not specified");
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        for (String[] question : new String[][] {{"from=2026&to=2025", "to"}, {"from=last", "from"},
                {"to=25", "to"}, {"format=xml", "format"}, {"year=2025", "year"}, {"from=2024&from=2025", "from"}}) {
            assertThatThrownBy(() -> export(question[0])).as(question[0]).isInstanceOf(ResponseStatusException.class)
                    .hasMessageContaining("'" + question[1] + "'")
                    .satisfies(e -> assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(400));
        }
    }

    private static CtdcExport.Dataset export(String question) {
        LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        Arrays.stream(question.split("&")).filter(parameter -> !parameter.isEmpty())
                .map(parameter -> parameter.split("=", 2)).forEach(pair -> parameters.add(pair[0], pair[1]));
        return CtdcExport.of(CASES, CtdcExportRequest.from(parameters), K);
    }

    /**
     * Cases as varied as an NRM's: a few common profiles that make large groups, and a long tail of rarer
     * citizenships, bands, sexes and combinations of exploitation and control that make small ones.
     */
    private static List<CaseFacts> generated(int count, Random random) {
        List<CaseFacts> cases = new ArrayList<>();
        String[] bands = {"0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+", "ADULT",
                "CHILD", "Unknown"};
        String[] citizenships = {"RS", "RS", "RS", "RS", "AL", "AL", "MD", "UA", "NG", "BD", "VN", "PH"};
        String[] types = {"SexualExploitation", "SexualExploitation", "ForcedLabour", "ForcedLabour", "ForcedBegging",
                "ForcedMarriage", "Servitude", "ChildLabour", "OrganRemoval"};
        String[] methods = {"DebtBondage", "TakesEarnings", "PhysicalThreats", "PsychologicalAbuse", "PhysicalAbuse",
                "WithholdsDocuments", "FalsePromises", "ExcessiveWorkingHours"};
        CaseStage[] stages = {CaseStage.IDENTIFIED_VICTIM, CaseStage.IDENTIFIED_VICTIM, CaseStage.PRESUMED_VICTIM,
                CaseStage.POTENTIAL_VICTIM, CaseStage.NOT_IDENTIFIED};
        for (int i = 0; i < count; i++) {
            boolean common = random.nextInt(3) > 0;
            CaseStage stage = stages[random.nextInt(stages.length)];
            boolean decided = stage == CaseStage.IDENTIFIED_VICTIM || stage == CaseStage.NOT_IDENTIFIED;
            List<String> type = !decided ? null : common ? List.of("SexualExploitation")
                    : List.of(types[random.nextInt(types.length)], types[random.nextInt(types.length)]);
            List<String> method = !decided ? null : common ? List.of("DebtBondage")
                    : random.nextBoolean() ? List.of() : List.of(methods[random.nextInt(methods.length)]);
            cases.add(facts(stage, common ? "Feminine" : random.nextInt(6) == 0 ? "NonConforming"
                            : random.nextBoolean() ? "Feminine" : "Masculine",
                    common ? "24--26" : bands[random.nextInt(bands.length)],
                    common ? List.of("RS") : List.of(citizenships[random.nextInt(citizenships.length)]),
                    type == null ? null : type.stream().distinct().toList(), method,
                    2024 + random.nextInt(2)));
        }
        // the first year of the NRM: too few cases for any row to be published, whatever is suppressed
        for (int i = 0; i < 4; i++) {
            cases.add(facts(CaseStage.IDENTIFIED_VICTIM, "Feminine", "24--26", List.of("RS"),
                    List.of("SexualExploitation"), List.of("DebtBondage"), 2023));
        }
        return cases;
    }

    private static CaseFacts facts(CaseStage stage, String sex, String ageBand, List<String> citizenship,
                                   List<String> types, List<String> methods, int year) {
        return new CaseFacts(Integer.toHexString(System.identityHashCode(new Object())), stage, false, sex, ageBand,
                types, methods, citizenship, "RS", "POLICE", year, Instant.parse(year + "-03-01T10:00:00Z"), null,
                Map.of(), null);
    }
}
