package org.nrmplatform.caseservice.statistics;

import java.util.List;

/**
 * The columns of CTDC's global k-anonymised dataset, by name and in the order CTDC publishes them (the
 * "Global K-anon Dataset" of 15 July 2021 and its data dictionary of 25 August 2021, ctdatacollaborative.org;
 * docs/ctdc-export.md says how the list was checked). What our events fill each with is {@link CtdcRecord}'s.
 */
final class CtdcColumns {

    /** CTDC's value for what is not known, and for what the anonymisation took out. */
    static final String UNKNOWN = "-99";

    static final List<String> MEANS_OF_CONTROL = List.of("meansOfControlDebtBondage", "meansOfControlTakesEarnings",
            "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats", "meansOfControlPsychologicalAbuse",
            "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
            "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement",
            "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours", "meansOfControlUsesChildren",
            "meansOfControlThreatOfLawEnforcement", "meansOfControlWithholdsNecessities",
            "meansOfControlWithholdsDocuments", "meansOfControlOther", "meansOfControlNotSpecified",
            "meansOfControlConcatenated");

    static final List<String> TYPES_OF_EXPLOITATION = List.of("isForcedLabour", "isSexualExploit", "isOtherExploit",
            "isSexAndLabour", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices",
            "typeOfExploitConcatenated", "typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging",
            "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
            "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
            "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified",
            "typeOfLabourConcatenated", "typeOfSexProstitution", "typeOfSexPornography",
            "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated");

    static final List<String> RECRUITMENT = List.of("isAbduction", "RecruiterRelationship", "CountryOfExploitation",
            "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
            "recruiterRelationOther", "recruiterRelationUnknown");

    /** Every column, in CTDC's order. */
    static final List<String> ALL = concat(
            List.of("yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus",
                    "majorityStatusAtExploit", "majorityEntry", "citizenship"),
            MEANS_OF_CONTROL, TYPES_OF_EXPLOITATION, RECRUITMENT);

    private CtdcColumns() {
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
