package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.plans.AssistancePlanEvents;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.AssistancePlanStarted;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlannedServiceReferralRequested;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.ClearTextScan;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The individual assistance plan over HTTP: written by the case's case manager, read whole by the case managers and,
 * of it, only its own services by a provider responsible; the agreement owed again after a change; a referral made
 * of a service recorded on the plan; an overdue review escalated once; in the case's history, its texts withheld
 * from the court export and sealed wherever stored; bad input a problem naming the field, other roles refused.
 */
class AssistancePlanApiTest extends ApiTest {

    private static final String NEED = "planmarker Nightmares since she left the farm; afraid to sleep alone";
    private static final String SECOND_NEED = "Owed three months' wages by the farm's owner";
    private static final String GOAL = "Sleeps through most nights within three months";

    @Autowired
    MongoClient client;
    @Autowired
    StoreProperties store;
    @Autowired
    MeterRegistry meters;

    @Test
    void theCaseManagerDrawsUpThePlanAndTheProviderSeesOnlyItsService() {
        UUID caseId = presumedVictim();
        String plan = "/api/cases/" + caseId + "/plan";
        Answer emptyPlan = caseManager.get(plan);
        assertThat(emptyPlan.status()).isEqualTo(200);
        assertThat(emptyPlan.body().get("needs").size()).isZero();

        Answer need = caseManager.post(plan + "/needs", Map.of("domain", "PSYCHOSOCIAL", "description", NEED));
        assertThat(need.status()).as(need.raw().body()).isEqualTo(201);
        assertThat(need.header("Location")).isEqualTo(plan);
        String needId = need.body().get("id").asString();
        assertThat(caseManager.post(plan + "/needs", Map.of("domain", "INCOME_EMPLOYMENT", "description",
                SECOND_NEED)).status()).isEqualTo(201);
        String target = LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString();
        assertThat(caseManager.post(plan + "/goals", Map.of("needId", needId, "description", GOAL,
                "targetDate", target)).status()).isEqualTo(201);
        Answer service = caseManager.post(plan + "/services", Map.of("needId", needId,
                "serviceType", "PSYCHOSOCIAL_SUPPORT", "providerOrganisationId", REGISTERED_SHELTER,
                "targetDate", target));
        assertThat(service.status()).as(service.raw().body()).isEqualTo(201);
        String serviceId = service.body().get("id").asString();
        Answer agreed = caseManager.post(plan + "/agreement", Map.of("agreedOn",
                LocalDate.now(ZoneOffset.UTC).toString(), "form", "SIGNED", "withWhom", "Interpreter M. Stojanović"));
        assertThat(agreed.status()).as(agreed.raw().body()).isEqualTo(201);

        JsonNode whole = awaitProcessing().until(() -> caseManager.get(plan).body(),
                shown -> !shown.get("agreement").isNull());
        assertThat(whole.get("needs").valueStream().map(n -> n.get("domain").asString()).toList())
                .containsExactly("PSYCHOSOCIAL", "INCOME_EMPLOYMENT");
        assertThat(whole.at("/needs/0/description").asString()).isEqualTo(NEED);
        assertThat(whole.at("/goals/0/description").asString()).isEqualTo(GOAL);
        assertThat(whole.at("/services/0/providerOrganisationId").asString()).isEqualTo(REGISTERED_SHELTER);
        assertThat(whole.at("/agreement/withWhom").asString()).isEqualTo("Interpreter M. Stojanović");
        assertThat(whole.at("/agreement/current").asBoolean()).isTrue();
        assertThat(Instant.parse(whole.get("reviewDueAt").asString()))
                .isAfter(Instant.now().plus(89, ChronoUnit.DAYS));

        // a change after the agreement: a new agreement is owed
        assertThat(caseManager.post(plan + "/goals", Map.of("description", "Claims her wages")).status())
                .isEqualTo(201);
        awaitProcessing().until(() -> caseManager.get(plan).body(), shown -> shown.get("goals").size() == 2
                && !shown.at("/agreement/current").asBoolean());

        // the provider responsible: its own service, nothing of the person's needs
        ApiClient shelter = as(Role.SERVICE_PROVIDER, REGISTERED_SHELTER);
        Answer providerView = shelter.get(plan);
        assertThat(providerView.status()).isEqualTo(200);
        assertThat(providerView.body().get("partial").asBoolean()).isTrue();
        assertThat(providerView.body().get("services").size()).isEqualTo(1);
        assertThat(providerView.body().get("needs").size()).isZero();
        assertThat(providerView.body().get("agreement").isNull()).isTrue();
        assertThat(providerView.raw().body()).doesNotContain("planmarker", "Interpreter");
        // anyone else: as if there were no plan
        assertThat(as(Role.SERVICE_PROVIDER, POLICE).get(plan).status()).isEqualTo(404);
        assertThat(as(Role.CASE_MANAGER, OTHER_POLICE).get(plan).status()).isEqualTo(404);
        assertThat(firstLine.get(plan).status()).isEqualTo(403);
        assertThat(authority.get(plan).status()).isEqualTo(403);
        assertThat(shelter.post(plan + "/needs", Map.of("domain", "SAFETY", "description", "x")).status())
                .isEqualTo(403);

        // referral-service made a referral of the service: recorded on the plan, once
        UUID referralId = UUID.randomUUID();
        PlannedServiceReferralRequested referred = new PlannedServiceReferralRequested(referralId, caseId,
                UUID.fromString(serviceId), REGISTERED_SHELTER, "PSYCHOSOCIAL_SUPPORT");
        eventStore.publish(new GenericDomainEventMessage<>("Referral", referralId.toString(), 0, referred));
        JsonNode withReferral = awaitProcessing().until(() -> caseManager.get(plan).body(),
                shown -> !shown.at("/services/0/referralId").isNull());
        assertThat(withReferral.at("/services/0/referralId").asString()).isEqualTo(referralId.toString());

        JsonNode history = caseManager.get("/api/cases/" + caseId + "/history").body().get("events");
        JsonNode inHistory = history.valueStream().filter(e -> e.get("type").asString().equals("NeedAssessed"))
                .findFirst().orElseThrow();
        assertThat(inHistory.get("aggregateType").asString()).isEqualTo("AssistancePlan");
        assertThat(inHistory.at("/payload/description").asString()).isEqualTo(NEED);
        assertThat(history.valueStream().map(e -> e.get("type").asString()).toList())
                .contains("AssistancePlanStarted", "PlanGoalSet", "PlanServiceAgreed", "PlanAgreed",
                        "PlanServiceReferred");

        ApiClient prosecutor = as(Role.PROSECUTOR, POLICE);
        assertThat(prosecutor.post("/api/cases/" + caseId + "/legal-basis", CaseRequests.legalBasis()).status())
                .isEqualTo(201);
        Answer export = prosecutor.get("/api/cases/" + caseId + "/audit-export?format=json");
        assertThat(export.raw().body()).doesNotContain("planmarker", "Stojanović");
        assertThat(export.body().at("/verification/status").asString()).isEqualTo("INTACT");
        JsonNode needInExport = export.body().get("events").valueStream()
                .filter(e -> e.at("/summary/what").asString().equals("NeedAssessed")).findFirst().orElseThrow();
        assertThat(needInExport.at("/readable/description").asString()).startsWith("withheld");
        assertThat(needInExport.at("/readable/domain").asString()).isEqualTo("PSYCHOSOCIAL");

        JsonNode reads = prosecutor.get("/api/cases/" + caseId + "/read-log").body().get("reads");
        assertThat(reads.valueStream().map(read -> read.get("view").asString()).toList())
                .contains("assistance-plan");
        assertThat(ClearTextScan.find(client, List.of(store.eventDatabase(), store.serviceDatabase()),
                List.of("planmarker", "three months' wages", "Sleeps through most nights", "Stojanović"))).isEmpty();
    }

    @Test
    void anOverdueReviewIsEscalatedOnceAndAReviewSetsTheNext() {
        UUID caseId = presumedVictim();
        UUID planId = AssistancePlanEvents.planIdOf(caseId);
        String plan = "/api/cases/" + caseId + "/plan";
        double before = meters.counter("nrm.plan.reviews.escalated").count();
        // a plan begun long ago, its review due an hour ago
        eventStore.publish(new GenericDomainEventMessage<>("AssistancePlan", planId.toString(), 0,
                new AssistancePlanStarted(planId, caseId, SOCIAL_WELFARE, Instant.now().minus(1, ChronoUnit.HOURS))));
        JsonNode escalated = awaitProcessing().until(() -> caseManager.get(plan).body(),
                shown -> !shown.get("reviewEscalatedAt").isNull());
        assertThat(escalated.get("reviewEscalatedAt").asString()).isNotBlank();
        assertThat(meters.counter("nrm.plan.reviews.escalated").count()).isEqualTo(before + 1);
        assertThat(caseManager.get("/api/cases/" + caseId + "/history").body().get("events").valueStream()
                .filter(e -> e.get("type").asString().equals("PlanReviewEscalated")).count()).isEqualTo(1);

        Answer review = caseManager.post(plan + "/reviews", Map.of("note", "Sleeping better; the service goes on"));
        assertThat(review.status()).as(review.raw().body()).isEqualTo(201);
        JsonNode reviewed = awaitProcessing().until(() -> caseManager.get(plan).body(),
                shown -> shown.get("reviews").size() == 1);
        assertThat(reviewed.get("reviewEscalatedAt").isNull()).isTrue();
        assertThat(Instant.parse(reviewed.get("reviewDueAt").asString()))
                .isAfter(Instant.now().plus(89, ChronoUnit.DAYS));
        assertThat(reviewed.at("/reviews/0/note").asString()).isEqualTo("Sleeping better; the service goes on");
    }

    @Test
    void theSubjectsErasureLeavesThePlansTextsUnreadable() {
        UUID caseId = presumedVictim();
        String plan = "/api/cases/" + caseId + "/plan";
        assertThat(caseManager.post(plan + "/needs", Map.of("domain", "LEGAL", "description", NEED)).status())
                .isEqualTo(201);
        assertThat(caseManager.post("/api/cases/" + caseId + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        Answer erased = caseManager.post("/api/cases/" + caseId + "/subject-erasure", Map.of("legalBasis",
                Map.of("reference", "GDPR Art. 17, request 26/3", "requestedBy", "the data subject")));
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);

        JsonNode after = awaitProcessing().until(() -> caseManager.get(plan).body(),
                shown -> shown.get("needs").size() == 1);
        assertThat(after.get("erased").asBoolean()).isTrue();
        assertThat(after.at("/needs/0/domain").asString()).isEqualTo("LEGAL");
        assertThat(after.at("/needs/0/description").isNull()).isTrue();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        UUID caseId = presumedVictim();
        String plan = "/api/cases/" + caseId + "/plan";
        String target = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        assertProblem(caseManager.post(plan + "/needs", Map.of("description", NEED)), 400, "domain");
        assertProblem(caseManager.post(plan + "/needs", Map.of("domain", "HAPPINESS", "description", NEED)), 422,
                "domain");
        assertProblem(caseManager.post(plan + "/needs", Map.of("domain", "SAFETY", "description", "")), 400,
                "description");
        assertProblem(caseManager.post(plan + "/goals", Map.of("description", GOAL, "needId",
                UUID.randomUUID().toString())), 422, "needId");
        Map<String, Object> service = new HashMap<>(Map.of("serviceType", "LEGAL_AID",
                "providerOrganisationId", REGISTERED_SHELTER, "targetDate", target));
        assertProblem(caseManager.post(plan + "/services", with(service, "serviceType", "WALKING")), 422,
                "serviceType");
        assertProblem(caseManager.post(plan + "/services", with(service, "providerOrganisationId", "nobody")), 422,
                "providerOrganisationId");
        assertProblem(caseManager.post(plan + "/services", with(service, "targetDate", "2020-01-01")), 422,
                "targetDate");
        service.remove("targetDate");
        assertProblem(caseManager.post(plan + "/services", service), 400, "targetDate");
        Map<String, Object> agreement = Map.of("agreedOn", LocalDate.now(ZoneOffset.UTC).toString(), "form", "SIGNED",
                "withWhom", "Interpreter");
        Answer noPlanYet = caseManager.post(plan + "/agreement", agreement);
        assertThat(noPlanYet.status()).as("an agreement to no plan").isEqualTo(404);
        assertThat(noPlanYet.contentType()).startsWith("application/problem+json");
        assertThat(caseManager.post(plan + "/needs", Map.of("domain", "SAFETY", "description", NEED)).status())
                .isEqualTo(201);
        Answer noService = caseManager.post(plan + "/agreement", agreement);
        assertThat(noService.status()).as("an agreement to a plan without services").isEqualTo(409);
        assertProblem(caseManager.post(plan + "/agreement", with(agreement, "form", "NODDED")), 422, "form");
        assertProblem(caseManager.post(plan + "/reviews", Map.of()), 400, "note");

        UUID needId = UUID.randomUUID();
        Map<String, Object> need = Map.of("needId", needId.toString(), "domain", "SAFETY", "description", NEED);
        assertThat(caseManager.post(plan + "/needs", need).status()).isEqualTo(201);
        assertThat(caseManager.post(plan + "/needs", need).status()).as("the same need twice").isEqualTo(409);

        assertThat(as(Role.CASE_MANAGER, OTHER_POLICE).post(plan + "/needs", need).status())
                .as("a case outside the caller's scope").isEqualTo(404);
        assertThat(caseManager.post("/api/cases/" + caseId + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        Answer closed = caseManager.post(plan + "/needs", Map.of("domain", "SAFETY", "description", NEED));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.contentType()).startsWith("application/problem+json");
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
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
