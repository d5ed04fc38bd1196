package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskEscalated;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskReminded;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Tasks over HTTP: the case manager assigns one to the clinic; the clinic finds it among its organisation's tasks,
 * is reminded and, once it is due and still open, it is escalated to the case manager's organisation through the
 * durable deadline scheduler (each once); the clinic records it done with a reason. A cancelled task's deadlines
 * are cancelled with it. A task owed by a colleague is done only by them. Bad input is a problem naming the field; other organisations do not find a task.
 */
class TaskApiTest extends ApiTest {

    @Autowired
    EventStorageEngine events;
    @Autowired
    MongoTemplate mongo;

    @Test
    void theOwingOrganisationIsRemindedTheTaskEscalatesWhenDueAndItIsRecordedDone() {
        UUID caseId = knownCase();
        // due in seconds, reminded a little before: the scheduler polls every 200 ms in these tests
        Instant dueAt = Instant.now().plusSeconds(5);
        Answer assigned = caseManager.post("/api/tasks", task(caseId, CLINIC, dueAt, Instant.now().plusSeconds(3)));
        assertThat(assigned.status()).as(assigned.raw().body()).isEqualTo(201);
        String taskId = assigned.body().get("taskId").asString();
        assertThat(assigned.header("Location")).isEqualTo("/api/tasks/" + taskId);

        ApiClient clinic = as(Role.SERVICE_PROVIDER, CLINIC);
        eventually(() -> clinic.get("/api/tasks").body().get("items").valueStream()
                .anyMatch(item -> item.get("id").asString().equals(taskId)));
        JsonNode owed = clinic.get("/api/tasks/" + taskId).body();
        assertThat(owed.get("description").asString()).isEqualTo("Medical check-up; report fitness to travel");
        assertThat(owed.get("assignedByOrganisationId").asString()).isEqualTo(SOCIAL_WELFARE);
        assertThat(owed.get("status").asString()).isEqualTo("OPEN");

        eventually(() -> !clinic.get("/api/tasks/" + taskId).body().get("remindedAt").isNull());
        eventually(() -> caseManager.get("/api/tasks?assigned=true&caseId=" + caseId).body().get("items")
                .valueStream().anyMatch(item -> item.get("id").asString().equals(taskId)
                        && !item.get("escalatedAt").isNull()));
        assertThat(eventsOf(taskId, TaskReminded.class)).isEqualTo(1);
        assertThat(eventsOf(taskId, TaskEscalated.class)).isEqualTo(1);

        Answer done = clinic.post("/api/tasks/" + taskId + "/completion", Map.of("reason", "Fit to travel"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("status").asString()).isEqualTo("DONE");
        eventually(() -> "DONE".equals(caseManager.get("/api/tasks/" + taskId).body().get("status").asString()));
        assertThat(caseManager.get("/api/tasks/" + taskId).body().get("doneReason").asString())
                .isEqualTo("Fit to travel");
        Answer cancelledLate = caseManager.post("/api/tasks/" + taskId + "/cancellation", Map.of("reason", "late"));
        assertThat(cancelledLate.status()).isEqualTo(409);
        assertThat(cancelledLate.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aCancelledTaskTakesItsReminderAndEscalationWithIt() {
        UUID caseId = knownCase();
        Answer assigned = caseManager.post("/api/tasks", task(caseId, CLINIC, Instant.now().plus(2, ChronoUnit.DAYS),
                Instant.now().plus(1, ChronoUnit.DAYS)));
        String taskId = assigned.body().get("taskId").asString();
        eventually(() -> mongo.count(query(where("target").is(taskId).and("state").is("PENDING")),
                "referral_deadlines") == 2);

        assertThat(as(Role.SERVICE_PROVIDER, CLINIC).post("/api/tasks/" + taskId + "/cancellation",
                Map.of("reason", "not ours")).status()).as("the owing organisation does not cancel").isEqualTo(403);
        Answer cancelled = caseManager.post("/api/tasks/" + taskId + "/cancellation",
                Map.of("reason", "The person left the country"));
        assertThat(cancelled.status()).isEqualTo(200);
        eventually(() -> mongo.count(query(where("target").is(taskId).and("state").is("CANCELLED")),
                "referral_deadlines") == 2);
        eventually(() -> "CANCELLED".equals(caseManager.get("/api/tasks/" + taskId).body().get("status")
                .asString()));
        assertThat(as(Role.SERVICE_PROVIDER, CLINIC).get("/api/tasks?status=OPEN").body().get("items").valueStream()
                .noneMatch(item -> item.get("id").asString().equals(taskId))).isTrue();
        assertThat(as(Role.SERVICE_PROVIDER, CLINIC).get("/api/tasks/" + taskId).body().get("cancellationReason")
                .asString()).isEqualTo("The person left the country");
    }

    @Test
    void aTaskOwedByAColleagueIsListedWithTheirNameAndDoneOnlyByThem() {
        UUID caseId = knownCase();
        if (providers.find(SOCIAL_WELFARE).isEmpty()) { // a task owed by the assigner's own organisation
            append("Organisation", SOCIAL_WELFARE, new OrganisationRegistered(UUID.fromString(SOCIAL_WELFARE),
                    "Centre for Social Work", "social-welfare", "RS", List.of()));
            eventually(() -> providers.find(SOCIAL_WELFARE).isPresent());
        }
        UUID colleague = UUID.randomUUID();
        append("UserAccount", colleague.toString(), new UserAccountCreated(colleague, UUID.fromString(SOCIAL_WELFARE),
                "m.jovanovic", "Marija Jovanović", List.of(Role.CASE_MANAGER)));
        eventually(() -> caseManager.get("/api/tasks/colleagues").body().valueStream()
                .anyMatch(person -> person.get("id").asString().equals(colleague.toString())
                        && person.get("displayName").asString().equals("Marija Jovanović")));
        assertThat(as(Role.SERVICE_PROVIDER, CLINIC).get("/api/tasks/colleagues").status())
                .as("only those who assign tasks").isEqualTo(403);
        assertThat(as(Role.CASE_MANAGER, OTHER_WELFARE).get("/api/tasks/colleagues").body().valueStream()
                .noneMatch(person -> person.get("id").asString().equals(colleague.toString())))
                .as("another organisation's people are not listed").isTrue();

        Map<String, Object> forHer = new HashMap<>(task(caseId, SOCIAL_WELFARE,
                Instant.now().plus(2, ChronoUnit.DAYS), null));
        forHer.put("owedByUserId", colleague.toString());
        String taskId = caseManager.post("/api/tasks", forHer).body().get("taskId").asString();
        eventually(() -> caseManager.get("/api/tasks/" + taskId).status() == 200);
        JsonNode owed = caseManager.get("/api/tasks/" + taskId).body();
        assertThat(owed.get("owedByUserId").asString()).isEqualTo(colleague.toString());
        assertThat(owed.get("owedByName").asString()).isEqualTo("Marija Jovanović");

        assertThat(caseManager.post("/api/tasks/" + taskId + "/completion", Map.of("reason", "done")).status())
                .as("a colleague who is not the person named").isEqualTo(404);
        ApiClient her = anonymous.as(TestTokens.get().sign(TestTokens.get()
                .claims(SOCIAL_WELFARE, List.of(Role.CASE_MANAGER))
                .subject(colleague.toString()).claim(TokenClaims.USER_ID, colleague.toString()).build()));
        assertThat(her.post("/api/tasks/" + taskId + "/completion", Map.of("reason", "Called the shelter")).status())
                .isEqualTo(200);

        Map<String, Object> anotherOrganisationsPerson = new HashMap<>(task(caseId, CLINIC,
                Instant.now().plus(2, ChronoUnit.DAYS), null));
        anotherOrganisationsPerson.put("owedByUserId", colleague.toString());
        assertProblem(caseManager.post("/api/tasks", anotherOrganisationsPerson), 422, "owedByUserId");
        forHer.put("owedByUserId", UUID.randomUUID().toString());
        assertProblem(caseManager.post("/api/tasks", forHer), 422, "owedByUserId");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        UUID caseId = knownCase();
        Instant due = Instant.now().plus(2, ChronoUnit.DAYS);
        Map<String, Object> noDescription = new HashMap<>(task(caseId, CLINIC, due, null));
        noDescription.remove("description");
        assertProblem(caseManager.post("/api/tasks", noDescription), 400, "description");
        assertProblem(caseManager.post("/api/tasks", task(caseId, "no-such-organisation", due, null)), 422,
                "owedByOrganisationId");
        Map<String, Object> badRole = new HashMap<>(task(caseId, CLINIC, due, null));
        badRole.put("owedByRole", "nurse");
        assertProblem(caseManager.post("/api/tasks", badRole), 422, "owedByRole");
        assertProblem(caseManager.post("/api/tasks", task(caseId, CLINIC, due, due.plusSeconds(60))), 422,
                "remindAt");
        assertProblem(caseManager.post("/api/tasks", task(UUID.randomUUID(), CLINIC, due, null)), 422, "caseId");
        assertProblem(as(Role.CASE_MANAGER, OTHER_WELFARE).post("/api/tasks", task(caseId, CLINIC, due, null)), 422,
                "caseId");

        String taskId = caseManager.post("/api/tasks", task(caseId, CLINIC, due, null)).body().get("taskId")
                .asString();
        assertProblem(as(Role.SERVICE_PROVIDER, CLINIC).post("/api/tasks/" + taskId + "/completion", Map.of()), 400,
                "reason");
        assertThat(as(Role.SERVICE_PROVIDER, SHELTER).post("/api/tasks/" + taskId + "/completion",
                Map.of("reason", "x")).status()).as("an organisation that does not owe it").isEqualTo(404);
        eventually(() -> caseManager.get("/api/tasks/" + taskId).status() == 200);
        assertThat(as(Role.SERVICE_PROVIDER, SHELTER).get("/api/tasks/" + taskId).status()).isEqualTo(404);
        assertThat(as(Role.CASE_MANAGER, OTHER_WELFARE).get("/api/tasks?assigned=true").body().get("items")
                .valueStream().noneMatch(item -> item.get("id").asString().equals(taskId))).isTrue();
    }

    private UUID knownCase() {
        UUID caseId = openedCase();
        awaitCaseState(caseId, state -> state.responsibleOrganisationId() != null);
        return caseId;
    }

    private static Map<String, Object> task(UUID caseId, String owedBy, Instant dueAt, Instant remindAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId.toString());
        body.put("owedByOrganisationId", owedBy);
        body.put("description", "Medical check-up; report fitness to travel");
        body.put("dueAt", dueAt.toString());
        if (remindAt != null) {
            body.put("remindAt", remindAt.toString());
        }
        return body;
    }

    private long eventsOf(String taskId, Class<?> type) {
        return events.readEvents(taskId, 0).asStream().filter(event -> type.isInstance(event.getPayload())).count();
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains(field);
    }
}
