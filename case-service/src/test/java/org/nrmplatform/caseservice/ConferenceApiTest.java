package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.ClearTextScan;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Case conferences over HTTP: recorded by a case manager of the case, read by the organisations working the case
 * and those at the table, the note only by the case managers (and the recording organisation), withheld from
 * everyone else and from the court export, whose chain still verifies; in the case's history; bad input is a
 * problem naming the field, a case outside the caller's scope a 404, a closed case a 409.
 */
class ConferenceApiTest extends ApiTest {

    private static final String NOTE = "conferencemarker She fears the recruiter's brother, who lives in Novi Sad";
    private static final String DECISIONS = "Move her to a shelter in another town; a psychologist weekly";
    private static final String WHAT = "Arrange the move and a first session with the psychologist";

    @Autowired
    MongoClient client;
    @Autowired
    StoreProperties store;

    @BeforeEach
    void theCentreIsRegistered() {
        if (!organisations.contains(SOCIAL_WELFARE)) { // the chair, as identity-service records it
            eventStore.publish(new GenericDomainEventMessage<>("Organisation", SOCIAL_WELFARE, 0,
                    new OrganisationRegistered(UUID.fromString(SOCIAL_WELFARE), "Centre for Social Work",
                            "social-welfare", "RS", List.of())));
            awaitProcessing().until(() -> organisations.contains(SOCIAL_WELFARE));
        }
    }

    @Test
    void aConferenceIsReadByThoseAtTheTableAndItsNoteOnlyByTheCaseManagers() {
        UUID caseId = presumedVictim();
        String conferences = "/api/cases/" + caseId + "/conferences";
        Answer recorded = caseManager.post(conferences, conference(REGISTERED_SHELTER, null,
                Instant.now().plus(7, ChronoUnit.DAYS)));
        assertThat(recorded.status()).as(recorded.raw().body()).isEqualTo(201);
        String conferenceId = recorded.body().get("conferenceId").asString();
        assertThat(recorded.header("Location")).isEqualTo(conferences + "/" + conferenceId);
        assertThat(recorded.body().get("taskIds").size()).isEqualTo(1);
        String taskId = recorded.body().at("/taskIds/0").asString();

        JsonNode listed = awaitProcessing().until(() -> caseManager.get(conferences).body(),
                shown -> shown.size() == 1).get(0);
        assertThat(listed.get("note").asString()).isEqualTo(NOTE);
        assertThat(listed.get("noteWithheld").asBoolean()).isFalse();
        assertThat(listed.get("decisions").asString()).isEqualTo(DECISIONS);
        assertThat(listed.get("recordedByOrganisationId").asString()).isEqualTo(SOCIAL_WELFARE);
        assertThat(listed.at("/participants/1/role").asString()).isEqualTo("SHELTER");
        assertThat(listed.at("/actionItems/0/taskId").asString()).isEqualTo(taskId);
        assertThat(listed.at("/actionItems/0/description").asString()).isEqualTo(WHAT);
        assertThat(listed.at("/actionItems/0/owedByOrganisationId").asString()).isEqualTo(REGISTERED_SHELTER);

        // at the table, or working the case: the conference without its note
        ApiClient shelter = as(Role.SERVICE_PROVIDER, REGISTERED_SHELTER);
        for (ApiClient reader : List.of(shelter, authority, firstLine)) {
            Answer one = reader.get(conferences + "/" + conferenceId);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.body().get("note").isNull()).isTrue();
            assertThat(one.body().get("noteWithheld").asBoolean()).isTrue();
            assertThat(one.body().get("decisions").asString()).isEqualTo(DECISIONS);
            assertThat(one.raw().body()).doesNotContain("conferencemarker");
        }
        // neither: as if there were no such case
        ApiClient otherPolice = as(Role.FIRST_LINE, OTHER_POLICE);
        assertThat(otherPolice.get(conferences).status()).isEqualTo(404);
        assertThat(otherPolice.get(conferences + "/" + conferenceId).status()).isEqualTo(404);
        assertThat(as(Role.CASE_MANAGER, OTHER_POLICE).get(conferences + "/" + conferenceId).status()).isEqualTo(404);

        JsonNode history = caseManager.get("/api/cases/" + caseId + "/history").body().get("events");
        JsonNode inHistory = history.valueStream().filter(e -> e.get("type").asString().equals("ConferenceRecorded"))
                .findFirst().orElseThrow();
        assertThat(inHistory.get("aggregateType").asString()).isEqualTo("Conference");
        assertThat(inHistory.at("/payload/note").asString()).isEqualTo(NOTE);
        assertThat(inHistory.at("/payload/actionItems/0/description").asString()).isEqualTo(WHAT);

        // the court export: the conference is there, its note withheld, the rest opened, the chain intact
        ApiClient prosecutor = as(Role.PROSECUTOR, POLICE);
        assertThat(prosecutor.post("/api/cases/" + caseId + "/legal-basis", CaseRequests.legalBasis()).status())
                .isEqualTo(201);
        Answer export = prosecutor.get("/api/cases/" + caseId + "/audit-export?format=json");
        assertThat(export.raw().body()).doesNotContain("conferencemarker");
        JsonNode exported = export.body();
        assertThat(exported.at("/verification/status").asString()).isEqualTo("INTACT");
        JsonNode inExport = exported.get("events").valueStream()
                .filter(e -> e.at("/summary/what").asString().equals("ConferenceRecorded")).findFirst().orElseThrow();
        assertThat(inExport.at("/readable/note").asString()).startsWith("withheld");
        assertThat(inExport.at("/readable/decisions").asString()).isEqualTo(DECISIONS);

        JsonNode reads = prosecutor.get("/api/cases/" + caseId + "/read-log").body().get("reads");
        assertThat(reads.valueStream().map(read -> read.get("view").asString()).toList())
                .contains("conference-list", "conference");

        // sealed wherever stored: the event, the conference list, the history's index
        assertThat(ClearTextScan.find(client, List.of(store.eventDatabase(), store.serviceDatabase()),
                List.of("conferencemarker", "psychologist weekly", "first session with the psychologist"))).isEmpty();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        UUID caseId = presumedVictim();
        String conferences = "/api/cases/" + caseId + "/conferences";
        Instant due = Instant.now().plus(3, ChronoUnit.DAYS);
        Map<String, Object> good = conference(REGISTERED_SHELTER, null, due);
        assertProblem(caseManager.post(conferences, without(good, "heldAt")), 400, "heldAt");
        assertProblem(caseManager.post(conferences, with(good, "participants", List.of())), 400, "participants");
        assertProblem(caseManager.post(conferences, without(good, "note")), 400, "note");
        assertProblem(caseManager.post(conferences, with(good, "participants",
                List.of(Map.of("organisationId", SOCIAL_WELFARE, "role", "HOST")))), 422, "participants[0].role");
        assertProblem(caseManager.post(conferences, with(good, "participants",
                List.of(Map.of("organisationId", "no-such-organisation", "role", "CHAIR")))), 422,
                "participants[0].organisationId");
        assertProblem(caseManager.post(conferences, conference("no-such-organisation", null, due)), 422,
                "actionItems[0].owedByOrganisationId");
        assertProblem(caseManager.post(conferences, conference(REGISTERED_SHELTER, null,
                Instant.now().minus(1, ChronoUnit.DAYS))), 422, "actionItems[0].dueAt");
        assertProblem(caseManager.post(conferences, conference(REGISTERED_SHELTER, "a-shelter-worker", due)), 422,
                "actionItems[0].owedByUserId");
        assertProblem(caseManager.post(conferences, with(good, "heldAt", Instant.now().plus(1, ChronoUnit.DAYS)
                .toString())), 400, "heldAt");

        UUID conferenceId = UUID.randomUUID();
        assertThat(caseManager.post(conferences, with(good, "conferenceId", conferenceId.toString())).status())
                .isEqualTo(201);
        Answer again = caseManager.post(conferences, with(good, "conferenceId", conferenceId.toString()));
        assertThat(again.status()).as("the same conference id twice").isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        assertThat(as(Role.FIRST_LINE, OTHER_POLICE).post(conferences, good).status())
                .as("a case outside the caller's scope").isEqualTo(404);
        assertThat(caseManager.post("/api/cases/" + caseId + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        Answer closed = caseManager.post(conferences, good);
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.contentType()).startsWith("application/problem+json");
    }

    private static Map<String, Object> conference(String owedBy, String person, Instant due) {
        Map<String, Object> item = new java.util.HashMap<>(Map.of("description", WHAT, "owedByOrganisationId", owedBy,
                "dueAt", due.toString()));
        if (person != null) {
            item.put("owedByUserId", person);
        }
        return Map.of("heldAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                "participants", List.of(Map.of("organisationId", SOCIAL_WELFARE, "role", "CHAIR"),
                        Map.of("organisationId", REGISTERED_SHELTER, "role", "SHELTER")),
                "note", NOTE, "decisions", DECISIONS, "actionItems", List.of(item));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.remove(field);
        return changed;
    }

    private UUID presumedVictim() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        return caseId;
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains(field);
    }
}
