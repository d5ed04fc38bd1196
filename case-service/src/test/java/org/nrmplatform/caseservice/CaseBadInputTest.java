package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nrmplatform.shared.testing.ApiClient.Answer;

/**
 * Input that Jackson or the stores would take but no one should store: enum ordinals, numbers as text, NUL
 * characters, instants and dates outside what every projection can hold, consents that cover nothing or name
 * an organisation nobody knows. Each is a 4xx problem naming the field, and nothing is recorded.
 */
class CaseBadInputTest extends ApiTest {

    /** A problem of this status naming the field, in words that name no Java class. */
    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains(field);
        assertThat(answer.raw().body()).doesNotContain("org.nrmplatform", "java.", "tools.jackson", "Exception",
                "Request`", "$");
    }

    private static Map<String, Object> withSubject(String field, Object value) {
        Map<String, Object> body = CaseRequests.openAdult(null);
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = new HashMap<>((Map<String, Object>) body.get("dataSubject"));
        subject.put(field, value);
        body.put("dataSubject", subject);
        return body;
    }

    private UUID openCase() {
        UUID caseId = UUID.randomUUID();
        assertThat(caseManager.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        return caseId;
    }

    @Test
    void anEnumSentAsItsOrdinalIsRefused() {
        assertProblem(caseManager.post("/api/cases", withSubject("ageCategory", 1)), 400, "dataSubject.ageCategory");
        Map<String, Object> consent = new HashMap<>(CaseRequests.consent(UUID.randomUUID()));
        consent.put("decision", 0);
        Answer answer = caseManager.post("/api/cases/" + openCase() + "/consents", consent);
        assertProblem(answer, 400, "decision");
        assertThat(answer.body().get("detail").asString()).contains("GIVEN", "WITHDRAWN");
    }

    @Test
    void aNulCharacterInAnyTextIsRefusedNamingTheField() {
        Answer name = caseManager.post("/api/cases", withSubject("givenName", "An\u0000a"));
        assertProblem(name, 400, "dataSubject.givenName");
        assertThat(name.body().get("detail").asString()).contains("NUL");
        assertProblem(caseManager.post("/api/cases", withSubject("citizenship", List.of("AL", "R\u0000"))), 400,
                "dataSubject.citizenship[1]");
        Map<String, Object> closure = Map.of("reason", "REINTEGRATED", "note", "housed\u0000");
        assertProblem(caseManager.post("/api/cases/" + openCase() + "/closure", closure), 400, "note");
    }

    @Test
    void aNumberOrBooleanWhereTextIsExpectedIsRefused() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("detectingSector", 42);
        Answer answer = caseManager.post("/api/cases", body);
        assertProblem(answer, 400, "detectingSector");
        assertThat(answer.body().get("detail").asString()).contains("text");
        body = CaseRequests.openAdult(null);
        body.put("location", Map.of("country", "RS", "municipality", true));
        assertProblem(caseManager.post("/api/cases", body), 400, "location.municipality");
    }

    @Test
    void aValueOfTheWrongShapeIsDescribedWithoutJavaNames() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("location", "Novi Sad");
        Answer answer = caseManager.post("/api/cases", body);
        assertProblem(answer, 400, "location");
        assertThat(answer.body().get("detail").asString()).contains("an object").doesNotContain("LocationRequest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*"})
    void aContentTypeRangeIsA415Problem(String contentType) {
        Answer answer = caseManager.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{}")), Map.of());
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asString()).contains("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "1899-12-31T23:59:59Z"})
    void aScreeningOutsideTheStorableRangeIsRefusedAndNoCaseExists(String screenedAt) {
        UUID caseId = UUID.randomUUID();
        Map<String, Object> body = CaseRequests.openAdult(caseId);
        body.put("screenedAt", screenedAt);
        assertProblem(caseManager.post("/api/cases", body), 400, "screenedAt");
        assertThat(caseManager.get("/api/cases/" + caseId).status()).isEqualTo(404);

        // the same case sent again with a sound time is stored and read back by its opener
        assertThat(caseManager.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        awaitProcessing().until(() -> caseManager.get("/api/cases/" + caseId).status() == 200);
    }

    @Test
    void anInstantAheadOfTheClockBeyondTheSkewIsRefusedAndWithinItAccepted() {
        Map<String, Object> ahead = CaseRequests.openAdult(null);
        ahead.put("screenedAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString());
        Answer answer = caseManager.post("/api/cases", ahead);
        assertProblem(answer, 400, "screenedAt");
        assertThat(answer.body().get("detail").asString()).contains("future");
        Map<String, Object> slightlyAhead = CaseRequests.openAdult(null);
        slightlyAhead.put("screenedAt", Instant.now().plus(1, ChronoUnit.MINUTES).toString());
        assertThat(caseManager.post("/api/cases", slightlyAhead).status()).isEqualTo(201);
    }

    @Test
    void aDateOfBirthBefore1900OrAtJavasExtremesIsRefused() {
        assertProblem(caseManager.post("/api/cases", withSubject("dateOfBirth", "1899-12-31")), 400,
                "dataSubject.dateOfBirth");
        assertProblem(caseManager.post("/api/cases", withSubject("dateOfBirth", "-999999999-01-01")), 400,
                "dataSubject.dateOfBirth");
        assertProblem(caseManager.post("/api/cases", withSubject("dateOfBirth",
                LocalDate.now().plusDays(3).toString())), 400, "dataSubject.dateOfBirth");
    }

    @Test
    void everyTimeOfACaseCommandIsChecked() {
        UUID caseId = openCase();
        String path = "/api/cases/" + caseId;
        assertProblem(caseManager.post(path + "/indicator-assessments", Map.of("indicatorSetId", "labour-v1",
                "answers", Map.of("LAB-01", "PRESENT"), "assessedAt", "-999999999-01-01T00:00:00Z")), 400,
                "assessedAt");
        assertProblem(caseManager.post(path + "/guardian", Map.of("guardianName", "M. Jovanović",
                "appointedOn", "+999999999-12-31")), 400, "appointedOn");
        assertProblem(caseManager.post(path + "/reflection-period", Map.of("startDate", LocalDate.now().toString(),
                "legalEndDate", "+10000-01-01")), 400, "legalEndDate");
        assertProblem(caseManager.post(path + "/reflection-period", Map.of("startDate", "1850-01-01",
                "legalEndDate", LocalDate.now().plusDays(90).toString())), 400, "startDate");
        assertThat(caseManager.post(path + "/closure", CaseRequests.closure()).body().get("version").asLong())
                .as("nothing was recorded between the opening (0) and the closure").isEqualTo(1);
    }

    @Test
    void aConsentToAnOrganisationNobodyKnowsIsRefused() {
        Map<String, Object> consent = new HashMap<>(CaseRequests.consent(UUID.randomUUID()));
        consent.put("recipientOrganisationId", "shelter-novi-sad");
        Answer answer = caseManager.post("/api/cases/" + openCase() + "/consents", consent);
        assertProblem(answer, 422, "recipientOrganisationId");
        assertThat(answer.body().get("detail").asString()).contains("shelter-novi-sad", "not an organisation");
    }

    @Test
    void aConsentWithoutPurposeOrServiceOrRecipientIsRefused() {
        UUID caseId = openCase();
        String consents = "/api/cases/" + caseId + "/consents";
        assertProblem(caseManager.post(consents, Map.of("decision", "GIVEN",
                "recipientOrganisationId", REGISTERED_SHELTER)), 422, "purposes");
        assertProblem(caseManager.post(consents, Map.of("decision", "GIVEN", "purposes", List.of(),
                "serviceTypes", List.of("MEDICAL_CARE"), "recipientOrganisationId", REGISTERED_SHELTER)), 422,
                "purposes");
        assertProblem(caseManager.post(consents, Map.of("decision", "GIVEN", "purposes", List.of("REFERRAL"),
                "recipientOrganisationId", REGISTERED_SHELTER)), 422, "serviceTypes");
        assertProblem(caseManager.post(consents, Map.of("decision", "GIVEN", "purposes", List.of("REFERRAL"),
                "serviceTypes", List.of("MEDICAL_CARE"))), 422, "recipientOrganisationId");
        assertThat(caseManager.post(consents, CaseRequests.consent(UUID.randomUUID())).body().get("version").asLong())
                .as("none of the refused was recorded: the first consent follows the opening (0)").isEqualTo(1);
    }

    @Test
    void aConsentToAKnownOrganisationOrAPeerInstallationIsRecorded() {
        UUID caseId = openCase();
        String consents = "/api/cases/" + caseId + "/consents";
        assertThat(caseManager.post(consents, CaseRequests.consent(UUID.randomUUID())).status()).isEqualTo(201);
        assertThat(caseManager.post(consents, Map.of("decision", "GIVEN", "purposes",
                List.of("TRANSNATIONAL_REFERRAL"), "serviceTypes", List.of("SAFE_ACCOMMODATION"),
                "recipientOrganisationId", "MK-NRM")).status()).isEqualTo(201);
        assertThat(caseManager.post(consents, Map.of("decision", "GIVEN", "purposes",
                List.of("RESEARCH_AND_MONITORING"))).status()).isEqualTo(201);
    }
}
