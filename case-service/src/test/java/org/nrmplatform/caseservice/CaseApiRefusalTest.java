package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import tools.jackson.databind.JsonNode;

/** Bad input and refused transitions over real HTTP: each a 4xx problem that names what was wrong. */
class CaseApiRefusalTest extends ApiTest {

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("detail").asString()).isNotBlank();
        assertThat(answer.body().get("correlationId").asString()).isNotBlank();
        if (field != null) {
            assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                    .contains(field);
        }
    }

    /** A case opened by the case manager's own organisation, which may do anything on it. */
    private UUID openCase() {
        UUID caseId = UUID.randomUUID();
        assertThat(api.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        return caseId;
    }

    private ApiClient api;

    @BeforeEach
    void caseManagerOfTheOpeningOrganisation() {
        api = caseManager;
    }

    @Test
    void missingFieldsAreNamed() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.remove("detectingSector");
        body.remove("screenedAt");
        Answer answer = api.post("/api/cases", body);
        assertProblem(answer, 400, "detectingSector");
        assertThat(answer.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("screenedAt");
    }

    @Test
    void aNestedMissingFieldIsNamedWithItsPath() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("dataSubject", Map.of("givenName", "Ana", "sex", "Feminine"));
        assertProblem(api.post("/api/cases", body), 400, "dataSubject.ageCategory");
    }

    @Test
    void malformedJsonIsA400() {
        Answer answer = api.post("/api/cases", "{\"detectingSector\": ");
        assertProblem(answer, 400, null);
    }

    @Test
    void aWronglyTypedValueIsNamed() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("screenedAt", "yesterday");
        Answer answer = api.post("/api/cases", body);
        assertProblem(answer, 400, "screenedAt");
        assertThat(answer.body().get("detail").asString()).contains("ISO-8601");
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("dataSubject", Map.of("ageCategory", "TEENAGER", "sex", "Feminine"));
        Answer answer = api.post("/api/cases", body);
        assertProblem(answer, 400, "dataSubject.ageCategory");
        assertThat(answer.body().get("detail").asString()).contains("CHILD", "ADULT");
    }

    @Test
    void aScreeningInTheFutureIsRefused() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("screenedAt", Instant.now().plus(2, ChronoUnit.DAYS).toString());
        assertProblem(api.post("/api/cases", body), 400, "screenedAt");
    }

    @Test
    void aDateOfBirthInTheFutureIsRefused() {
        Map<String, Object> body = CaseRequests.open(null, "CHILD", LocalDate.now().plusDays(3));
        assertProblem(api.post("/api/cases", body), 400, "dataSubject.dateOfBirth");
    }

    @Test
    void codesOutsideTheCodeListsAreRefusedNamingTheField() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("detectingSector", "SPACE_AGENCY");
        assertProblem(api.post("/api/cases", body), 422, "detectingSector");
    }

    @Test
    void unknownIndicatorCodesAreRefused() {
        UUID caseId = openCase();
        Answer answer = api.post("/api/cases/" + caseId + "/indicator-assessments",
                Map.of("indicatorSetId", "labour-v1", "answers", Map.of("LAB-99", "PRESENT"),
                        "assessedAt", Instant.now().minusSeconds(60).toString()));
        assertProblem(answer, 422, "answers");
        assertThat(answer.body().get("detail").asString()).contains("LAB-99");
    }

    @Test
    void anUnknownIndicatorSetIsRefused() {
        UUID caseId = openCase();
        Answer answer = api.post("/api/cases/" + caseId + "/indicator-assessments",
                Map.of("indicatorSetId", "fishing-v7", "answers", Map.of("LAB-01", "PRESENT"),
                        "assessedAt", Instant.now().minusSeconds(60).toString()));
        assertProblem(answer, 422, "indicatorSetId");
    }

    @Test
    void anUnknownCaseIsA404() {
        assertProblem(api.post("/api/cases/" + UUID.randomUUID() + "/presumed-victim", CaseRequests.presumedVictim()),
                404, null);
        assertProblem(caseManager.get("/api/cases/" + UUID.randomUUID()), 404, null);
        assertProblem(caseManager.get("/api/cases/" + UUID.randomUUID() + "/history"), 404, null);
    }

    @Test
    void aCaseIdThatIsNotAUuidIsA400() {
        assertProblem(caseManager.get("/api/cases/not-a-uuid"), 400, "caseId");
    }

    @Test
    void anInvalidTransitionIsA409ThatSaysWhy() {
        UUID caseId = openCase();
        Answer answer = api.post("/api/cases/" + caseId + "/reflection-period", CaseRequests.reflectionPeriod());
        assertProblem(answer, 409, null);
        assertThat(answer.body().get("detail").asString()).contains("presumed or identified", "POTENTIAL_VICTIM");
    }

    @Test
    void aChildsCaseCannotBeDecidedWithoutAGuardian() {
        UUID caseId = UUID.randomUUID();
        firstLine.post("/api/cases", CaseRequests.openChild(caseId));
        firstLine.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment());
        firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim());
        Answer answer = authority.post("/api/cases/" + caseId + "/identification-decision", CaseRequests.identified());
        assertProblem(answer, 422, null);
        assertThat(answer.body().get("detail").asString()).contains("guardian");
    }

    @Test
    void anythingOnAClosedCaseIsRefused() {
        UUID caseId = openCase();
        assertThat(api.post("/api/cases/" + caseId + "/closure", CaseRequests.closure()).status()).isEqualTo(200);
        Answer answer = api.post("/api/cases/" + caseId + "/consents", CaseRequests.consent(UUID.randomUUID()));
        assertProblem(answer, 409, null);
        assertThat(answer.body().get("detail").asString()).contains("closed");
    }

    @Test
    void aWrongContentTypeIsA415() {
        Answer answer = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")), Map.of());
        assertProblem(answer, 415, null);
    }

    @Test
    void anOversizedBodyIsA413() {
        Map<String, Object> body = CaseRequests.openAdult(null);
        body.put("padding", "x".repeat(300 * 1024));
        Answer answer = api.post("/api/cases", body);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMalformedIfMatchIsA400() {
        UUID caseId = openCase();
        assertProblem(api.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim(),
                Map.of("If-Match", "\"latest\"")), 400, null);
    }

    @Test
    void pagingParametersAreValidated() {
        assertProblem(caseManager.get("/api/cases?size=0"), 400, "size");
        assertProblem(caseManager.get("/api/cases?page=-1"), 400, "page");
    }

    @Test
    void anUnknownIndicatorSetIsA404AndTheSetsAreListed() {
        assertProblem(api.get("/api/indicator-sets/nope-v1"), 404, null);
        JsonNode sets = api.get("/api/indicator-sets").body();
        assertThat(sets.valueStream().map(set -> set.get("id").asString()).toList())
                .containsAll(List.of("general-v1", "health-v1", "labour-v1", "child-v1"));
        assertThat(api.get("/api/indicator-sets/labour-v1").body().get("indicators").size()).isGreaterThan(10);
    }
}
