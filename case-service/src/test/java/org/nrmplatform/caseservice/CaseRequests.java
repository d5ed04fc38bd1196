package org.nrmplatform.caseservice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies for the case API, as an agency system would send them. */
public final class CaseRequests {

    private CaseRequests() {
    }

    public static Map<String, Object> openAdult(UUID caseId) {
        return open(caseId, "ADULT", LocalDate.of(1994, 3, 2));
    }

    public static Map<String, Object> openChild(UUID caseId) {
        return open(caseId, "CHILD", LocalDate.now().minusYears(15));
    }

    public static Map<String, Object> open(UUID caseId, String ageCategory, LocalDate dateOfBirth) {
        Map<String, Object> subject = new HashMap<>();
        subject.put("givenName", "Ana");
        subject.put("familyName", "Petrović");
        subject.put("dateOfBirth", dateOfBirth.toString());
        subject.put("ageCategory", ageCategory);
        subject.put("sex", "Feminine");
        subject.put("citizenship", List.of("AL"));
        Map<String, Object> body = new HashMap<>();
        if (caseId != null) {
            body.put("caseId", caseId.toString());
        }
        body.put("detectingSector", "LABOUR_INSPECTION");
        body.put("screenedAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("location", Map.of("country", "RS", "municipality", "Novi Sad"));
        body.put("dataSubject", subject);
        return body;
    }

    public static Map<String, Object> labourAssessment() {
        return Map.of("indicatorSetId", "labour-v1",
                "answers", Map.of("LAB-01", "PRESENT", "LAB-02", "PRESENT", "LAB-03", "ABSENT"),
                "assessedAt", Instant.now().minus(30, ChronoUnit.MINUTES).toString());
    }

    /** Flagged by the first-line professional, handing the case to the social welfare centre. */
    public static Map<String, Object> presumedVictim() {
        return Map.of("grounds", "Passport held by employer; unpaid for four months; not free to leave the farm",
                "responsibleOrganisationId", ApiTest.SOCIAL_WELFARE);
    }

    public static Map<String, Object> identified() {
        return Map.of("outcome", "IDENTIFIED", "reasons", "Forced labour established by labour inspection and interview",
                "typesOfExploitation", List.of("ForcedLabour"),
                "methodsOfControl", List.of("WithholdsDocuments", "TakesEarnings"));
    }

    public static Map<String, Object> consent(UUID consentId) {
        return Map.of("consentId", consentId.toString(), "decision", "GIVEN", "givenBy", "DATA_SUBJECT",
                "purposes", List.of("REFERRAL"), "serviceTypes", List.of("SAFE_ACCOMMODATION", "MEDICAL_CARE"),
                "recipientOrganisationId", ApiTest.REGISTERED_SHELTER);
    }

    public static Map<String, Object> reflectionPeriod() {
        LocalDate start = LocalDate.now();
        return Map.of("startDate", start.toString(), "legalEndDate", start.plusDays(90).toString(),
                "legalBasis", "Law on Foreigners, art. 62");
    }

    public static Map<String, Object> closure() {
        return Map.of("reason", "REINTEGRATED", "note", "Employed and housed; assistance plan completed");
    }

    public static Map<String, Object> legalBasis() {
        return Map.of("reference", "K-123/2026, Higher Court in Novi Sad", "requestedBy", "Higher Public Prosecutor's Office");
    }
}
