package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /api/action-plans} over real HTTP: the NRM coordinator (monitor) and the administrator record a plan, its
 * objective, an activity and two indicators, one bound to the computed presumed victims (over cases flagged in
 * 2017, a year no other test records anything in: 11 women and 2 men in April) and one reported by an
 * institution; report a quarter's progress; and read the whole plan's report as JSON, CSV and PDF, the bound
 * indicator's value being what {@code /api/statistics/indicators} answers for the quarter. Other roles are refused.
 */
class ActionPlanApiTest extends ApiTest {

    private static final String COORDINATOR = "0f6a3c1e-7777-4a2b-9c3d-000000000007";
    private static boolean recorded;

    @Autowired
    EventStorageEngine events;
    @Autowired
    PersonalData personalData;

    private ApiClient monitor;
    private ApiClient administrator;

    @BeforeEach
    void cases() {
        monitor = as(Role.MONITOR, COORDINATOR);
        administrator = as(Role.ADMINISTRATOR, COORDINATOR);
        if (recorded) {
            return;
        }
        recorded = true;
        Instant april = Instant.parse("2017-04-03T08:00:00Z");
        for (int i = 0; i < 13; i++) {
            flagged(april.plus(Duration.ofHours(i)), i < 11 ? "Feminine" : "Masculine");
        }
    }

    @Test
    void aPlanIsRecordedReportedOnAndReportedWholeWithItsBoundIndicatorComputed() throws Exception {
        Answer plan = monitor.post("/api/action-plans", Map.of("title", "National action plan 2017-2018",
                "startsOn", "2017-01-01", "endsOn", "2018-12-31"));
        assertThat(plan.status()).isEqualTo(201);
        String planId = plan.body().get("planId").asString();
        String path = "/api/action-plans/" + planId;
        String objective = created(administrator.post(path + "/objectives",
                Map.of("title", "Presumed victims are identified sooner")));
        String activity = created(monitor.post(path + "/activities", Map.of("objectiveId", objective,
                "title", "Train labour inspectors in the indicators", "responsibleInstitution", "Labour Inspectorate",
                "deadline", "2017-06-30")));
        String bound = created(monitor.post(path + "/indicators", Map.of("objectiveId", objective,
                "name", "Presumed victims identified", "baseline", 8, "target", 15, "boundTo", "presumedVictims")));
        String men = created(monitor.post(path + "/indicators", Map.of("objectiveId", objective,
                "name", "Men identified as presumed victims", "baseline", 1, "target", 5,
                "boundTo", "presumedVictims.sex", "category", "Masculine")));
        String trained = created(monitor.post(path + "/indicators", Map.of("objectiveId", objective,
                "name", "Inspectors trained", "unit", "people", "baseline", 0, "target", 120,
                "reportedBy", "Labour Inspectorate")));
        assertThat(monitor.post(path + "/indicators/" + trained + "/values", Map.of("period", "2017-Q2",
                "value", 45, "note", "two of four sessions held")).status()).isEqualTo(200);
        Answer progress = administrator.post(path + "/progress-reports", Map.of("period", "2017-Q2",
                "narrative", "Two training sessions were postponed to the autumn.",
                "activities", List.of(Map.of("activityId", activity, "status", "DELAYED", "implementation", "IN_PROGRESS")),
                "indicators", List.of(Map.of("indicatorId", bound, "status", "ON_TRACK"),
                        Map.of("indicatorId", trained, "status", "AT_RISK"))));
        assertThat(progress.status()).isEqualTo(200);
        long version = progress.body().get("version").asLong();
        awaitProcessing().until(() -> monitor.get(path).body().path("version").asLong(-1) >= version);

        awaitProcessing().until(() -> monitor.get("/api/statistics/indicators?period=2017-Q2").body()
                .at("/indicators/0/rows/0/count").asLong(0) == 13);
        JsonNode report = administrator.get(path + "/report").body();
        assertThat(report.get("periods").toString()).isEqualTo("[\"2017-Q2\"]");
        JsonNode line = report.at("/objectives/0");
        assertThat(line.at("/activities/0/status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(line.at("/activities/0/periods/0/status").asString()).isEqualTo("DELAYED");
        JsonNode computed = line.at("/indicators/0");
        assertThat(computed.get("source").asString()).isEqualTo("computed");
        assertThat(computed.get("unit").asString()).as("the computed indicator's").isEqualTo("cases");
        assertThat(computed.at("/periods/0/value").asDouble()).as("as /api/statistics/indicators answers it")
                .isEqualTo(13.0);
        assertThat(computed.at("/periods/0/status").asString()).isEqualTo("ON_TRACK");
        JsonNode suppressed = line.at("/indicators/1/periods/0");
        assertThat(suppressed.get("suppressed").asBoolean()).as("2 men: a small cell").isTrue();
        assertThat(suppressed.get("value").isNull()).isTrue();
        JsonNode reported = line.at("/indicators/2");
        assertThat(reported.get("reportedBy").asString()).isEqualTo("Labour Inspectorate");
        assertThat(reported.at("/periods/0/value").asDouble()).isEqualTo(45.0);
        assertThat(reported.at("/periods/0/status").asString()).isEqualTo("AT_RISK");
        assertThat(report.at("/narratives/0/narrative").asString()).contains("postponed");
        assertThat(men).isNotBlank();

        HttpResponse<byte[]> csv = download(path + "/report?format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith(String.join(",", List.of("objective", "item", "name", "responsible",
                "deadline", "implementation", "unit", "baseline", "target", "source", "period", "value", "suppressed",
                "status", "note")) + "\r\n")
                .contains("indicator,Presumed victims identified,,,,cases,8,15,computed: presumedVictims,2017-Q2,13,"
                        + "false,ON_TRACK,")
                .contains("Inspectors trained,Labour Inspectorate,,,people,0,120,reported,2017-Q2,45,false,AT_RISK,"
                        + "two of four sessions held");
        HttpResponse<byte[]> pdf = download(path + "/report?format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("National action plan 2017-2018", "Presumed victims identified",
                    "2017-Q2: 13, on track", "2017-Q2: suppressed (small cell), no status", "2017-Q2: 45, at risk",
                    "Two training sessions were postponed");
        }
        assertThat(monitor.get("/api/action-plans").body().get("items").toString()).contains(planId);
    }

    @Test
    void onlyTheAdministratorAndTheMonitorMayCallIt() {
        Map<String, Object> plan = Map.of("title", "Plan", "startsOn", "2017-01-01", "endsOn", "2017-12-31");
        String someone = UUID.randomUUID().toString();
        for (Role role : List.of(Role.FIRST_LINE, Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY,
                Role.SERVICE_PROVIDER, Role.PROSECUTOR, Role.OPERATOR)) {
            ApiClient other = as(role, someone);
            assertThat(other.post("/api/action-plans", plan).status()).as(role + " records").isEqualTo(403);
            assertThat(other.get("/api/action-plans").status()).as(role + " lists").isEqualTo(403);
            assertThat(other.get("/api/action-plans/" + UUID.randomUUID() + "/report").status()).as(role + " reads")
                    .isEqualTo(403);
            assertThat(other.post("/api/action-plans/" + UUID.randomUUID() + "/progress-reports",
                    Map.of("period", "2017", "narrative", "n")).status()).as(role + " reports").isEqualTo(403);
        }
        assertThat(anonymous.get("/api/action-plans").status()).isEqualTo(401);
        assertThat(monitor.get("/api/action-plans/computed-indicators").body().toString())
                .contains("\"id\":\"presumedVictims\"", "\"unit\":\"cases\"");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Answer backwards = monitor.post("/api/action-plans", Map.of("title", "Plan", "startsOn", "2017-12-31",
                "endsOn", "2017-01-01"));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.contentType()).startsWith("application/problem+json");
        assertThat(backwards.body().at("/errors/0/field").asString()).isEqualTo("endsOn");
        String planId = monitor.post("/api/action-plans", Map.of("title", "Plan", "startsOn", "2017-01-01",
                "endsOn", "2017-12-31")).body().get("planId").asString();
        String path = "/api/action-plans/" + planId;
        String objective = created(monitor.post(path + "/objectives", Map.of("title", "Objective")));

        assertField(monitor.post(path + "/activities", Map.of("objectiveId", objective, "title", "Train",
                "responsibleInstitution", "Police")), 400, "deadline");
        assertField(monitor.post(path + "/indicators", Map.of("objectiveId", objective, "name", "Victims",
                "baseline", 1, "target", 2, "boundTo", "happiness")), 400, "boundTo");
        assertField(monitor.post(path + "/indicators", Map.of("objectiveId", objective, "name", "Victims",
                "baseline", 1, "target", 2, "boundTo", "presumedVictims", "unit", "people")), 400, "unit");
        assertField(monitor.post(path + "/indicators", Map.of("objectiveId", UUID.randomUUID().toString(),
                "name", "Victims", "unit", "people", "baseline", 1, "target", 2, "reportedBy", "Police")), 422,
                "objectiveId");
        String indicator = created(monitor.post(path + "/indicators", Map.of("objectiveId", objective,
                "name", "Trained", "unit", "people", "baseline", 0, "target", 10, "reportedBy", "Police")));
        assertField(monitor.post(path + "/indicators/" + indicator + "/values", Map.of("period", "2017-13",
                "value", 3)), 400, "period");
        assertField(monitor.post(path + "/indicators/" + indicator + "/values", Map.of("period", "2019",
                "value", 3)), 422, "period");
        Map<String, Object> unknownStatus = new HashMap<>(Map.of("period", "2017", "narrative", "n"));
        unknownStatus.put("indicators", List.of(Map.of("indicatorId", indicator, "status", "SPLENDID")));
        Answer splendid = monitor.post(path + "/progress-reports", unknownStatus);
        assertThat(splendid.status()).isEqualTo(400);
        assertThat(splendid.contentType()).startsWith("application/problem+json");
        assertThat(splendid.body().toString()).contains("status");
        assertField(monitor.get(path + "/report?format=xml"), 400, "format");
        assertThat(monitor.get("/api/action-plans/" + UUID.randomUUID() + "/report").status()).isEqualTo(404);
        assertThat(monitor.post("/api/action-plans/" + UUID.randomUUID() + "/objectives", Map.of("title", "t"))
                .status()).isEqualTo(404);
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.get().forRole(Role.MONITOR, COORDINATOR)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String created(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().get("id").asString();
    }

    private static void assertField(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().at("/errors/0/field").asString()).isEqualTo(field);
    }

    /** A case screened and flagged as a presumed victim at {@code at}, recorded then. */
    private void flagged(Instant at, String sex) {
        UUID caseId = UUID.randomUUID();
        append(caseId, 0, at, new CaseOpened(caseId, "LABOUR_INSPECTION", at, new ScreeningLocation("RS", "Kikinda",
                null), new SealedDataSubject(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana"),
                personalData.seal(caseId, PersonalField.FAMILY_NAME, "Petrović"),
                personalData.seal(caseId, PersonalField.DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)),
                AgeCategory.ADULT, sex, List.of("RS")), POLICE));
        append(caseId, 1, at, new PresumedVictimFlagged(caseId,
                personalData.seal(caseId, PersonalField.PRESUMED_VICTIM_GROUNDS, "grounds"), SOCIAL_WELFARE));
    }

    private void append(UUID caseId, long sequence, Instant at, Object event) {
        events.appendEvents(new GenericDomainEventMessage<>("Case", caseId.toString(), sequence, event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
    }
}
