package org.nrmplatform.caseservice.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What cases can be counted by. {@code column} is the export's column: CTDC's column name where CTDC has
 * one with the same meaning and values (ageBroad, citizenship, yearOfRegistration), else the HTCDS field
 * whose codes the values are (prs_Gender: Feminine, not CTDC's Female; vic_TypeOfExploitation,
 * vic_MethodsOfControl), else the platform's own name; StatisticsColumnsTest names each one's source and
 * docs/ctdc-export.md how they differ. Multi-valued dimensions count a case once in each of its values.
 */
enum Dimension {
    STAGE("stage", "stage", false, facts -> one(facts.stage() == null ? null : facts.stage().name())),
    SEX("sex", "prs_Gender", false, facts -> one(facts.sex())),
    AGE_BAND("ageBand", "ageBroad", false, facts -> one(facts.ageBand())),
    TYPE_OF_EXPLOITATION("typeOfExploitation", "vic_TypeOfExploitation", true,
            facts -> many(facts.typesOfExploitation())),
    METHOD_OF_CONTROL("methodOfControl", "vic_MethodsOfControl", true, facts -> many(facts.methodsOfControl())),
    CITIZENSHIP("citizenship", "citizenship", true, facts -> many(facts.citizenship())),
    // where the case was screened, which is not always where the person was exploited: not CTDC's
    // CountryOfExploitation
    COUNTRY("country", "countryOfScreening", false, facts -> one(facts.country())),
    DETECTING_SECTOR("detectingSector", "detectingSector", false, facts -> one(facts.detectingSector())),
    YEAR("year", "yearOfRegistration", false, facts -> one(facts.year() == null ? null : facts.year().toString())),
    // the emergency situation a case was registered in (its id), NONE for a case screened on its own
    EMERGENCY_SITUATION("emergencySituation", "emergencySituation", false,
            facts -> List.of(facts.emergencySituationId() == null ? Dimension.NONE : facts.emergencySituationId()));

    /** The value of a case that has none recorded (no decision yet, no citizenship given). */
    static final String UNKNOWN = "Unknown";

    /** The value of a case registered in no emergency situation. */
    static final String NONE = "None";

    private final String parameter;
    private final String column;
    private final boolean multiValued;
    private final Function<CaseFacts, List<String>> values;

    Dimension(String parameter, String column, boolean multiValued, Function<CaseFacts, List<String>> values) {
        this.parameter = parameter;
        this.column = column;
        this.multiValued = multiValued;
        this.values = values;
    }

    /** The name in the API ({@code groupBy} and filters). */
    String parameter() {
        return parameter;
    }

    /** The name of the export's column. */
    String column() {
        return column;
    }

    boolean multiValued() {
        return multiValued;
    }

    /** The case's values: exactly one, except for multi-valued dimensions. Never empty. */
    List<String> valuesOf(CaseFacts facts) {
        return values.apply(facts);
    }

    static Optional<Dimension> fromParameter(String name) {
        return Arrays.stream(values()).filter(dimension -> dimension.parameter.equals(name)).findFirst();
    }

    static List<String> parameters() {
        return Arrays.stream(values()).map(Dimension::parameter).toList();
    }

    private static List<String> one(String value) {
        return List.of(value == null || value.isBlank() ? UNKNOWN : value);
    }

    private static List<String> many(List<String> values) {
        return values == null || values.isEmpty() ? List.of(UNKNOWN) : values.stream().distinct().toList();
    }
}
