package org.nrmplatform.caseservice.statistics;

import static org.nrmplatform.caseservice.statistics.CtdcColumns.UNKNOWN;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nrmplatform.contracts.cases.CaseStage;

/**
 * One case as a row of CTDC's dataset, before anonymisation: what the statistics' facts of a case
 * ({@link CaseFacts}, folded from the events by {@link CaseStatisticsProjection}) say in CTDC's columns and values.
 * A column our events do not record is {@value CtdcColumns#UNKNOWN}, never a guess (docs/ctdc-export.md).
 */
final class CtdcRecord {

    /** The stages of the victims CTDC counts: presumed (flagged) and identified, not those screened out. */
    static final Set<CaseStage> VICTIMS = Set.of(CaseStage.PRESUMED_VICTIM, CaseStage.IDENTIFIED_VICTIM);

    /** CTDC's Datasource for records from a case management system (the other is "Hotline"). */
    static final String DATASOURCE = "Case Management";

    /** Our HTCDS sex codes with a CTDC gender value of the same meaning; the other codes are not mapped. */
    private static final Map<String, String> GENDER = Map.of("Feminine", "Female", "Masculine", "Male");

    /** Our method-of-control codes (HTCDS vic_MethodsOfControl) → CTDC's column of the same meaning. */
    private static final Map<String, String> MEANS = Map.ofEntries(
            Map.entry("DebtBondage", "meansOfControlDebtBondage"),
            Map.entry("TakesEarnings", "meansOfControlTakesEarnings"),
            Map.entry("RestrictsFinancialAccess", "meansOfControlRestrictsFinancialAccess"),
            Map.entry("PhysicalThreats", "meansOfControlThreats"),
            Map.entry("ThreatensChildrenFamily", "meansOfControlThreats"),
            Map.entry("PsychologicalAbuse", "meansOfControlPsychologicalAbuse"),
            Map.entry("PhysicalAbuse", "meansOfControlPhysicalAbuse"),
            Map.entry("SexualAbuse", "meansOfControlSexualAbuse"),
            Map.entry("FalsePromises", "meansOfControlFalsePromises"),
            Map.entry("PsychoactiveSubstance", "meansOfControlPsychoactiveSubstances"),
            Map.entry("RestrictsMedicalCare", "meansOfControlRestrictsMedicalCare"),
            Map.entry("ExcessiveWorkingHours", "meansOfControlExcessiveWorkingHours"),
            Map.entry("ThreatsLawEnforcement", "meansOfControlThreatOfLawEnforcement"),
            Map.entry("WithholdsNecessities", "meansOfControlWithholdsNecessities"),
            Map.entry("WithholdsDocuments", "meansOfControlWithholdsDocuments"),
            Map.entry("Other", "meansOfControlOther"));

    /** The means-of-control columns we fill, in CTDC's order, with their label in meansOfControlConcatenated. */
    private static final Map<String, String> MEANS_LABELS = orderedMap(
            "meansOfControlDebtBondage", "Debt bondage", "meansOfControlTakesEarnings", "Takes earnings",
            "meansOfControlRestrictsFinancialAccess", "Restricts financial access", "meansOfControlThreats", "Threats",
            "meansOfControlPsychologicalAbuse", "Psychological abuse", "meansOfControlPhysicalAbuse", "Physical abuse",
            "meansOfControlSexualAbuse", "Sexual abuse", "meansOfControlFalsePromises", "False promises",
            "meansOfControlPsychoactiveSubstances", "Psychoactive substances",
            "meansOfControlRestrictsMedicalCare", "Restricts medical care",
            "meansOfControlExcessiveWorkingHours", "Excessive working hours",
            "meansOfControlThreatOfLawEnforcement", "Threat of law enforcement",
            "meansOfControlWithholdsNecessities", "Withholds necessities",
            "meansOfControlWithholdsDocuments", "Withholds documents", "meansOfControlOther", "Other");

    /** Our type-of-exploitation codes (HTCDS vic_TypeOfExploitation) → CTDC's flag. */
    private static final Map<String, String> EXPLOITATION = Map.ofEntries(
            Map.entry("ForcedLabour", "isForcedLabour"),
            // begging is one of CTDC's sectors of forced labour (typeOfLabourBegging)
            Map.entry("ForcedBegging", "isForcedLabour"),
            Map.entry("SexualExploitation", "isSexualExploit"),
            Map.entry("ForcedMarriage", "isForcedMarriage"),
            Map.entry("ForcedMilitaryByNonStateActors", "isForcedMilitary"),
            Map.entry("OrganRemoval", "isOrganRemoval"),
            // servitude is a practice similar to slavery (1956 Supplementary Convention)
            Map.entry("Servitude", "isSlaveryAndPractices"),
            Map.entry("ChildLabour", "isOtherExploit"),
            Map.entry("ForcedAdoption", "isOtherExploit"),
            Map.entry("Surrogacy", "isOtherExploit"),
            Map.entry("Other", "isOtherExploit"));

    /** The flags in CTDC's order with their label in typeOfExploitConcatenated. */
    private static final Map<String, String> EXPLOITATION_LABELS = orderedMap(
            "isForcedLabour", "Forced labour", "isSexualExploit", "Sexual exploitation",
            "isSexAndLabour", "Combined sexual and labour exploitation", "isForcedMarriage", "Forced marriage",
            "isForcedMilitary", "Forced military", "isOrganRemoval", "Organ removal",
            "isSlaveryAndPractices", "Slavery and similar practices", "isOtherExploit", "Other");

    private CtdcRecord() {
    }

    /** The case's row: every column of {@link CtdcColumns#ALL}, in order. */
    static Map<String, String> of(CaseFacts facts) {
        Map<String, String> row = new LinkedHashMap<>();
        CtdcColumns.ALL.forEach(column -> row.put(column, UNKNOWN));
        row.put("yearOfRegistration", facts.year() == null ? UNKNOWN : facts.year().toString());
        row.put("Datasource", DATASOURCE);
        row.put("gender", GENDER.getOrDefault(facts.sex(), UNKNOWN));
        row.put("ageBroad", ageBroad(facts.ageBand()));
        row.put("majorityStatus", majorityStatus(facts.ageBand()));
        List<String> citizenship = facts.citizenship() == null ? List.of()
                : facts.citizenship().stream().distinct().toList();
        // CTDC has one citizenship per person: of several, choosing one would be a guess
        row.put("citizenship", citizenship.size() == 1 ? citizenship.get(0) : UNKNOWN);
        if (decided(facts)) {
            meansOfControl(facts.methodsOfControl(), row);
            exploitation(facts.typesOfExploitation(), row);
        }
        return row;
    }

    /** Whether an identification decision recorded the types of exploitation and methods of control. */
    private static boolean decided(CaseFacts facts) {
        return facts.typesOfExploitation() != null && facts.methodsOfControl() != null;
    }

    private static String ageBroad(String ageBand) {
        // a band computed from the date of birth is already CTDC's; ADULT/CHILD, Unknown and Erased are not bands
        return isBand(ageBand) ? ageBand : UNKNOWN;
    }

    private static boolean isBand(String ageBand) {
        return ageBand != null && !ageBand.isEmpty() && Character.isDigit(ageBand.charAt(0));
    }

    private static String majorityStatus(String ageBand) {
        if (ageBand == null) {
            return UNKNOWN;
        }
        return switch (ageBand) {
            case "0--8", "9--17", "CHILD" -> "Minor";
            case "ADULT" -> "Adult";
            default -> isBand(ageBand) ? "Adult" : UNKNOWN;
        };
    }

    /** Listed by the decision: 1; not listed: 0; CTDC's columns that no code of ours means stay unknown. */
    private static void meansOfControl(List<String> methods, Map<String, String> row) {
        MEANS_LABELS.keySet().forEach(column -> row.put(column, "0"));
        methods.stream().map(MEANS::get).filter(Objects::nonNull).forEach(column -> row.put(column, "1"));
        List<String> labels = MEANS_LABELS.entrySet().stream().filter(column -> row.get(column.getKey()).equals("1"))
                .map(Map.Entry::getValue).toList();
        row.put("meansOfControlNotSpecified", methods.isEmpty() ? "1" : "0");
        row.put("meansOfControlConcatenated", methods.isEmpty() ? "Not specified" : String.join(";", labels));
    }

    private static void exploitation(List<String> types, Map<String, String> row) {
        if (types.isEmpty()) {
            return; // decided without a type: not known, not "none"
        }
        EXPLOITATION_LABELS.keySet().forEach(flag -> row.put(flag, "0"));
        types.stream().map(EXPLOITATION::get).filter(Objects::nonNull).forEach(flag -> row.put(flag, "1"));
        if (row.get("isForcedLabour").equals("1") && row.get("isSexualExploit").equals("1")) {
            row.put("isSexAndLabour", "1");
        }
        if (types.contains("ForcedBegging")) {
            row.put("typeOfLabourBegging", "1");
        }
        List<String> labels = EXPLOITATION_LABELS.entrySet().stream().filter(flag -> row.get(flag.getKey()).equals("1"))
                .map(Map.Entry::getValue).toList();
        row.put("typeOfExploitConcatenated", String.join(";", labels));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
