package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.accesstokens.SecurityProperties;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;

/** The case API over real HTTP, against the embedded store: the identification stage end to end. */
class CaseApiTest extends ApiTest {

    @Test
    void aCaseGoesFromScreeningToClosureAndItsHistoryShowsEveryStep() {
        UUID caseId = UUID.randomUUID();
        Answer opened = firstLine.post("/api/cases", CaseRequests.openAdult(caseId),
                Map.of("X-Correlation-Id", "req-open-1"));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("Location")).isEqualTo("/api/cases/" + caseId);
        assertThat(opened.body().get("stage").asString()).isEqualTo("POTENTIAL_VICTIM");

        Answer assessed = firstLine.post("/api/cases/" + caseId + "/indicator-assessments",
                CaseRequests.labourAssessment());
        assertThat(assessed.status()).isEqualTo(201);
        assertThat(assessed.body().at("/result/present").asInt()).isEqualTo(2);
        assertThat(assessed.body().at("/result/reasonableGroundsIndicated").isBoolean()).isTrue();

        assertThat(firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim()).body()
                .get("stage").asString()).isEqualTo("PRESUMED_VICTIM");
        assertThat(caseManager.post("/api/cases/" + caseId + "/reflection-period", CaseRequests.reflectionPeriod())
                .status())
                .isEqualTo(200);
        assertThat(authority.post("/api/cases/" + caseId + "/identification-decision", CaseRequests.identified()).body()
                .get("stage").asString()).isEqualTo("IDENTIFIED_VICTIM");
        assertThat(caseManager.post("/api/cases/" + caseId + "/consents", CaseRequests.consent(UUID.randomUUID()))
                .status())
                .isEqualTo(201);
        Answer closed = caseManager.post("/api/cases/" + caseId + "/closure", CaseRequests.closure());
        assertThat(closed.body().get("closed").asBoolean()).isTrue();
        assertThat(closed.body().get("version").asLong()).isEqualTo(6);

        awaitProcessing().untilAsserted(() -> {
            Answer view = caseManager.get("/api/cases/" + caseId);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.body().get("closed").asBoolean()).isTrue();
        });
        Answer view = caseManager.get("/api/cases/" + caseId);
        assertThat(view.body().get("stage").asString()).isEqualTo("IDENTIFIED_VICTIM");
        assertThat(view.body().at("/identification/typesOfExploitation/0").asString()).isEqualTo("ForcedLabour");
        assertThat(view.body().at("/reflectionPeriod/legalBasis").asString()).contains("art. 62");
        assertThat(view.body().get("consents").size()).isEqualTo(1);
        assertThat(view.header("ETag")).isEqualTo("\"6\"");

        Answer history = caseManager.get("/api/cases/" + caseId + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().get("events").valueStream().map(e -> e.get("type").asString()).toList())
                .containsExactly("CaseOpened", "IndicatorAssessmentRecorded", "PresumedVictimFlagged",
                        "ReflectionPeriodStarted", "IdentificationDecided", "ConsentGiven", "CaseClosed");
        assertThat(history.body().at("/events/0/metadata/correlationId").asString()).isEqualTo("req-open-1");
        assertThat(history.body().at("/events/0/timestamp").asString()).isNotBlank();
        assertThat(history.body().at("/events/6/sequence").asLong()).isEqualTo(6);

        Answer list = caseManager.get("/api/cases?page=0&size=50");
        assertThat(list.body().get("items").valueStream().map(item -> item.get("id").asString()))
                .contains(caseId.toString());
    }

    @Test
    void repeatingAnOpenWithTheSameIdAndBodyIsAnsweredAsTheFirstAndRecordsNothingNew() {
        UUID caseId = UUID.randomUUID();
        Map<String, Object> body = CaseRequests.openAdult(caseId);
        Answer first = firstLine.post("/api/cases", body);
        Answer again = firstLine.post("/api/cases", body);
        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(as(Role.CASE_MANAGER, POLICE).get("/api/cases/" + caseId + "/history").body().get("events").size())
                .isEqualTo(1);

        Map<String, Object> different = CaseRequests.openAdult(caseId);
        different.put("detectingSector", "HEALTH");
        Answer conflict = firstLine.post("/api/cases", different);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.body().get("detail").asString()).contains("already used");
    }

    @Test
    void aStaleIfMatchIsRefusedWithConflict() {
        UUID caseId = UUID.randomUUID();
        firstLine.post("/api/cases", CaseRequests.openAdult(caseId));
        Answer assessed = firstLine.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment(),
                Map.of("If-Match", "\"0\""));
        assertThat(assessed.status()).isEqualTo(201);
        assertThat(assessed.header("ETag")).isEqualTo("\"1\"");
        Answer stale = firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim(),
                Map.of("If-Match", "\"0\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
    }

    /** The worklist's filters: the stage and whether the case is closed, each page counted after filtering. */
    @Test
    void theCaseListKeepsOnlyTheStageAndStateAskedFor() {
        UUID open = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        for (UUID caseId : java.util.List.of(open, closed)) {
            assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
            assertThat(firstLine.post("/api/cases/" + caseId + "/indicator-assessments",
                    CaseRequests.labourAssessment()).status()).isEqualTo(201);
            assertThat(firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim())
                    .status()).isEqualTo(200);
        }
        assertThat(caseManager.post("/api/cases/" + closed + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        awaitProcessing().untilAsserted(() -> assertThat(caseManager.get("/api/cases/" + closed).body()
                .get("closed").asBoolean()).isTrue());
        // both cases in the case manager's view before its list is read
        awaitProcessing().untilAsserted(() -> assertThat(caseManager.get("/api/cases/" + open).status())
                .isEqualTo(200));

        Answer openPresumed = caseManager.get("/api/cases?stage=PRESUMED_VICTIM&closed=false&size=200");
        assertThat(ids(openPresumed)).contains(open.toString()).doesNotContain(closed.toString());
        assertThat(openPresumed.body().get("items").valueStream()).allSatisfy(item -> {
            assertThat(item.get("stage").asString()).isEqualTo("PRESUMED_VICTIM");
            assertThat(item.get("closed").asBoolean()).isFalse();
        });
        assertThat(openPresumed.body().get("total").asLong()).isEqualTo(openPresumed.body().get("items").size());
        assertThat(ids(caseManager.get("/api/cases?closed=true&size=200"))).contains(closed.toString())
                .doesNotContain(open.toString());
        assertThat(ids(caseManager.get("/api/cases?stage=IDENTIFIED_VICTIM&size=200")))
                .doesNotContain(open.toString(), closed.toString());

        Answer unknown = caseManager.get("/api/cases?stage=SOMEWHERE");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().at("/errors/0/field").asString()).isEqualTo("stage");
    }

    private static java.util.List<String> ids(Answer page) {
        return page.body().get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }

    @Test
    void theOpenApiDocumentDescribesTheCaseApi() {
        Answer document = anonymous.get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("paths").propertyNames())
                .contains("/api/cases", "/api/cases/{caseId}/history", "/api/indicator-sets/{id}");
    }

    @Test
    void theOpenApiDocumentNamesOnlyThePublicAddressWhoeverAsks() throws Exception {
        String publicAddress = issuer.issuer().toString();
        Answer direct = anonymous.get("/v3/api-docs");
        Answer forged = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET(),
                Map.of("X-Forwarded-Host", "attacker.example", "X-Forwarded-Proto", "https"));
        for (Answer document : List.of(direct, forged)) {
            assertThat(document.body().get("servers").valueStream().map(server -> server.get("url").asString()))
                    .containsExactly(publicAddress);
            assertThat(document.raw().body()).doesNotContain("127.0.0.1:" + port).doesNotContain("attacker.example");
        }
    }

    @Autowired
    SecurityProperties issuer;
}
