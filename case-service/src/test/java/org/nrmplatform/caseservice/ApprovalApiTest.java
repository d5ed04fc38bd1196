package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralHeld;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralNotSent;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Four eyes over HTTP, on an installation that holds the closure, the identification decision and the erasure
 * (as by default): the step answers 202 with its approval and changes nothing; an approver of the requester's
 * organisation, another person, approves and the step is taken as the requester's, or rejects it with a reason;
 * the case's rules are checked again then, and a refusal is recorded on the approval. Nobody approves their own
 * request, API clients and approvers of other organisations never approve, and every step is in the case's history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "nrm.approvals.required=CASE_CLOSURE,IDENTIFICATION_DECISION,SUBJECT_ERASURE,TRANSNATIONAL_REFERRAL")
class ApprovalApiTest extends ApiTest {

    @Autowired
    PersonalData personalData;

    @Test
    void aClosureWaitsForAnotherPersonsApprovalAndIsThenTakenAsTheRequesters() {
        UUID caseId = presumedVictim();
        String path = "/api/cases/" + caseId;
        Answer held = caseManager.post(path + "/closure", CaseRequests.closure());
        assertThat(held.status()).as(held.raw().body()).isEqualTo(202);
        String approvalId = held.body().get("approvalId").asString();
        assertThat(held.header("Location")).isEqualTo("/api/approvals/" + approvalId);
        assertThat(held.body().get("status").asString()).isEqualTo("PENDING");
        assertThat(held.body().get("action").asString()).isEqualTo("CASE_CLOSURE");
        assertThat(caseManager.get(path).body().get("closed").asBoolean()).as("nothing changes until approved")
                .isFalse();

        ApiClient approver = person(SOCIAL_WELFARE, Role.APPROVER);
        JsonNode waiting = awaitProcessing().until(() -> approver.get("/api/approvals").body().get("items"),
                items -> items.valueStream().anyMatch(item -> item.get("approvalId").asString().equals(approvalId)));
        JsonNode listed = waiting.valueStream().filter(item -> item.get("approvalId").asString().equals(approvalId))
                .findFirst().orElseThrow();
        assertThat(listed.get("caseId").asString()).isEqualTo(caseId.toString());
        assertThat(listed.at("/request/reason").asString()).isEqualTo("REINTEGRATED");
        assertThat(listed.at("/request/note").asString()).isEqualTo("Employed and housed; assistance plan completed");
        assertThat(as(Role.APPROVER, AUTHORITY).get("/api/approvals").body().get("items").valueStream()
                .map(item -> item.get("approvalId").asString())).as("another organisation's").doesNotContain(approvalId);

        Answer approved = approver.post("/api/approvals/" + approvalId + "/approval", Map.of());
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.body().get("status").asString()).isEqualTo("EXECUTED");
        awaitProcessing().until(() -> caseManager.get(path).body().get("closed").asBoolean());
        awaitProcessing().until(() -> caseManager.get("/api/approvals/" + approvalId).body().get("status")
                .asString().equals("EXECUTED"));

        JsonNode history = caseManager.get(path + "/history").body().get("events");
        JsonNode closed = event(history, "CaseClosed");
        assertThat(closed.at("/metadata/roles/0").asString()).as("taken as the requester's").isEqualTo("case-manager");
        assertThat(closed.at("/payload/note").asString()).isEqualTo("Employed and housed; assistance plan completed");
        assertThat(event(history, "ApprovalRequested").at("/metadata/userId").asString())
                .isEqualTo(closed.at("/metadata/userId").asString());
        JsonNode granted = event(history, "ApprovalGranted");
        assertThat(granted.at("/metadata/roles/0").asString()).isEqualTo("approver");
        assertThat(granted.at("/metadata/userId").asString()).isNotEqualTo(closed.at("/metadata/userId").asString());

        ApiClient prosecutor = as(Role.PROSECUTOR, POLICE);
        assertThat(prosecutor.post(path + "/legal-basis", CaseRequests.legalBasis()).status()).isEqualTo(201);
        JsonNode exported = prosecutor.get(path + "/audit-export?format=json").body().get("events");
        assertThat(exported.valueStream().map(e -> e.at("/summary/what").asString()).toList())
                .contains("ApprovalRequested", "ApprovalGranted", "CaseClosed");
        assertThat(exported.valueStream().filter(e -> e.at("/summary/what").asString().equals("ApprovalRequested"))
                .findFirst().orElseThrow().get("payload").asString()).as("the held step stays sealed")
                .doesNotContain("Employed");
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndOnlyPeopleWithTheApproverRoleOfTheOrganisationApprove() {
        UUID caseId = presumedVictim();
        ApiClient requester = person(SOCIAL_WELFARE, Role.CASE_MANAGER, Role.APPROVER);
        Answer held = requester.post("/api/cases/" + caseId + "/closure", CaseRequests.closure());
        assertThat(held.status()).isEqualTo(202);
        String approval = "/api/approvals/" + held.body().get("approvalId").asString() + "/approval";

        Answer own = requester.post(approval, Map.of());
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(own.body().get("detail").asString()).contains("you requested this step yourself");

        ApiClient machine = anonymous.as(TestTokens.get().sign(TestTokens.get()
                .claims(SOCIAL_WELFARE, List.of(Role.APPROVER)).claim(TokenClaims.USER_ID, null).build()));
        Answer byMachine = machine.post(approval, Map.of());
        assertThat(byMachine.status()).isEqualTo(403);
        assertThat(byMachine.body().get("detail").asString()).contains("never by an API client");

        assertThat(as(Role.APPROVER, AUTHORITY).post(approval, Map.of()).status()).as("another organisation's")
                .isEqualTo(404);
        assertThat(caseManager.post(approval, Map.of()).status()).as("not an approver").isEqualTo(403);
        assertThat(caseManager.get("/api/cases/" + caseId).body().get("closed").asBoolean()).isFalse();
    }

    @Test
    void anApiClientRequestsWhereItMayAndAPersonApproves() {
        UUID caseId = presumedVictim();
        ApiClient system = anonymous.as(TestTokens.get().sign(TestTokens.get()
                .claims(SOCIAL_WELFARE, List.of(Role.CASE_MANAGER)).claim(TokenClaims.USER_ID, null).build()));
        Answer held = system.post("/api/cases/" + caseId + "/closure", CaseRequests.closure());
        assertThat(held.status()).isEqualTo(202);
        Answer approved = person(SOCIAL_WELFARE, Role.APPROVER)
                .post("/api/approvals/" + held.body().get("approvalId").asString() + "/approval", Map.of());
        assertThat(approved.body().get("status").asString()).isEqualTo("EXECUTED");
        JsonNode closed = event(caseManager.get("/api/cases/" + caseId + "/history").body().get("events"),
                "CaseClosed");
        assertThat(closed.at("/metadata/userId").isMissingNode()).as("the system's step, not the approver's").isTrue();
        assertThat(closed.at("/metadata/clientId").asString()).isEqualTo("test-client");
    }

    @Test
    void theRulesAreCheckedAgainWhenApprovedAndARefusalIsRecordedOnTheApproval() {
        UUID caseId = presumedVictim();
        String closure = "/api/cases/" + caseId + "/closure";
        String first = caseManager.post(closure, CaseRequests.closure()).body().get("approvalId").asString();
        String second = caseManager.post(closure, Map.of("reason", "DECEASED")).body().get("approvalId").asString();
        ApiClient approver = person(SOCIAL_WELFARE, Role.APPROVER);
        assertThat(approver.post("/api/approvals/" + first + "/approval", Map.of()).body().get("status").asString())
                .isEqualTo("EXECUTED");

        Answer refused = approver.post("/api/approvals/" + second + "/approval", Map.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body().get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.body().get("refusal").asString()).contains("is closed");
        JsonNode recorded = awaitProcessing().until(() -> approver.get("/api/approvals/" + second).body(),
                approval -> approval.get("status").asString().equals("REFUSED"));
        assertThat(recorded.get("refusal").asString()).contains("is closed");
        assertThat(approver.post("/api/approvals/" + second + "/approval", Map.of()).status())
                .as("decided already").isEqualTo(409);
        JsonNode closedBy = awaitProcessing().until(() -> caseManager.get("/api/cases/" + caseId).body()
                .get("closure"), shown -> shown != null && !shown.isNull());
        assertThat(closedBy.get("reason").asString()).isEqualTo("REINTEGRATED");

        // a step the rules refuse now is refused at once, not after an approver's work
        Answer closedAlready = caseManager.post(closure, CaseRequests.closure());
        assertThat(closedAlready.status()).isEqualTo(409);
        assertThat(closedAlready.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRejectionSaysWhyAndTheStepIsNeverTaken() {
        UUID caseId = presumedVictim();
        ApiClient authorityApprover = person(AUTHORITY, Role.APPROVER);
        Answer held = authority.post("/api/cases/" + caseId + "/identification-decision", CaseRequests.identified());
        assertThat(held.status()).isEqualTo(202);
        String approvalId = held.body().get("approvalId").asString();

        Answer noReason = authorityApprover.post("/api/approvals/" + approvalId + "/rejection", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.body().get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains("reason");

        Answer rejected = authorityApprover.post("/api/approvals/" + approvalId + "/rejection",
                Map.of("reason", "The interview record is missing"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body().get("status").asString()).isEqualTo("REJECTED");
        assertThat(authority.get("/api/cases/" + caseId).body().get("stage").asString()).isEqualTo("PRESUMED_VICTIM");
        JsonNode listed = awaitProcessing().until(() -> authority.get("/api/approvals?status=REJECTED").body()
                .get("items"), items -> items.valueStream().anyMatch(i -> i.get("approvalId").asString()
                .equals(approvalId)));
        assertThat(listed.valueStream().filter(i -> i.get("approvalId").asString().equals(approvalId)).findFirst()
                .orElseThrow().get("rejectionReason").asString()).isEqualTo("The interview record is missing");
        assertThat(event(caseManager.get("/api/cases/" + caseId + "/history").body().get("events"),
                "ApprovalRejected").at("/payload/reason").asString()).isEqualTo("The interview record is missing");
    }

    @Test
    void anErasureApprovedErasesTheSubject() {
        UUID caseId = presumedVictim();
        Answer held = caseManager.post("/api/cases/" + caseId + "/subject-erasure",
                Map.of("legalBasis", Map.of("reference", "GDPR Art. 17", "requestedBy", "the data subject")));
        assertThat(held.status()).isEqualTo(202);
        assertThat(caseManager.get("/api/cases/" + caseId).body().get("erased").asBoolean()).isFalse();
        Answer approved = person(SOCIAL_WELFARE, Role.APPROVER)
                .post("/api/approvals/" + held.body().get("approvalId").asString() + "/approval", Map.of());
        assertThat(approved.body().get("status").asString()).isEqualTo("EXECUTED");
        JsonNode view = awaitProcessing().until(() -> caseManager.get("/api/cases/" + caseId).body(),
                shown -> shown.get("erased").asBoolean());
        assertThat(view.at("/dataSubject/familyName").isNull()).isTrue();
    }

    @Test
    void anIdentificationDecisionApprovedIsTaken() {
        UUID caseId = presumedVictim();
        Answer held = authority.post("/api/cases/" + caseId + "/identification-decision", CaseRequests.identified());
        assertThat(held.status()).isEqualTo(202);
        assertThat(authority.get("/api/cases/" + caseId).body().get("stage").asString()).isEqualTo("PRESUMED_VICTIM");
        Answer approved = person(AUTHORITY, Role.APPROVER)
                .post("/api/approvals/" + held.body().get("approvalId").asString() + "/approval", Map.of());
        assertThat(approved.body().get("status").asString()).isEqualTo("EXECUTED");
        awaitProcessing().until(() -> authority.get("/api/cases/" + caseId).body().get("stage").asString()
                .equals("IDENTIFIED_VICTIM"));
    }

    /**
     * A transnational referral held by referral-service (its event appended here as referral-service appends it,
     * with the requester's actor) becomes an approval of the requester's organisation, decided here as any other;
     * should referral-service's rules refuse it once approved, the refusal is recorded on the approval.
     */
    @Test
    void aTransnationalReferralHeldByReferralServiceIsApprovedHere() {
        UUID caseId = presumedVictim();
        UUID approvalId = UUID.randomUUID();
        String requesterId = UUID.randomUUID().toString();
        ApiClient requester = person(SOCIAL_WELFARE, requesterId, Role.CASE_MANAGER, Role.APPROVER);
        heldTransnationalReferral(caseId, approvalId, requesterId);

        JsonNode mine = awaitProcessing().until(() -> requester.get("/api/approvals?requestedBy=me").body()
                .get("items"), items -> items.size() == 1);
        assertThat(mine.at("/0/approvalId").asString()).isEqualTo(approvalId.toString());
        assertThat(mine.at("/0/action").asString()).isEqualTo("TRANSNATIONAL_REFERRAL");
        assertThat(mine.at("/0/request/toInstallationId").asString()).isEqualTo("AL-NRM");
        assertThat(mine.at("/0/request/note").asString()).isEqualTo("Returns home on Friday");
        String approval = "/api/approvals/" + approvalId + "/approval";
        assertThat(requester.post(approval, Map.of()).status()).as("their own").isEqualTo(409);
        ApiClient machine = anonymous.as(TestTokens.get().sign(TestTokens.get()
                .claims(SOCIAL_WELFARE, List.of(Role.APPROVER)).claim(TokenClaims.USER_ID, null).build()));
        assertThat(machine.post(approval, Map.of()).status()).isEqualTo(403);

        Answer approved = person(SOCIAL_WELFARE, Role.APPROVER).post(approval, Map.of());
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.body().get("status").asString()).isEqualTo("EXECUTED");
        assertThat(eventStore.readEvents(approvalId.toString()).asStream().map(e -> e.getPayloadType().getSimpleName()))
                .containsExactly("ApprovalRequested", "ApprovalGranted");

        eventStore.publish(new GenericDomainEventMessage<>("TransnationalReferral", referralOf(approvalId), 1,
                new TransnationalReferralNotSent(UUID.fromString(referralOf(approvalId)), caseId, approvalId,
                        "no active consent covering transnational referral")));
        JsonNode refused = awaitProcessing().until(() -> requester.get("/api/approvals/" + approvalId).body(),
                shown -> shown.get("status").asString().equals("REFUSED"));
        assertThat(refused.get("refusal").asString()).contains("no active consent");
    }

    @Test
    void theRequesterFollowsTheirRequestsAndWithdrawsOneNobodyDecided() {
        UUID caseId = presumedVictim();
        String requesterId = UUID.randomUUID().toString();
        String approverId = UUID.randomUUID().toString();
        account(requesterId, "Jelena Marković");
        account(approverId, "Milan Jovanović");
        ApiClient requester = person(SOCIAL_WELFARE, requesterId, Role.CASE_MANAGER);
        ApiClient approver = person(SOCIAL_WELFARE, approverId, Role.APPROVER);
        String closure = "/api/cases/" + caseId + "/closure";
        String first = requester.post(closure, CaseRequests.closure()).body().get("approvalId").asString();
        String second = requester.post(closure, CaseRequests.closure()).body().get("approvalId").asString();
        assertThat(approver.post("/api/approvals/" + first + "/rejection", Map.of("reason", "Not yet")).status())
                .isEqualTo(200);

        JsonNode mine = awaitProcessing().until(() -> requester.get("/api/approvals?requestedBy=me").body()
                .get("items"), items -> items.size() == 2 && items.at("/1/status").asString().equals("REJECTED"));
        assertThat(mine.valueStream().map(item -> item.get("approvalId").asString())).as("the latest first")
                .containsExactly(second, first);
        assertThat(mine.at("/1/requestedByName").asString()).isEqualTo("Jelena Marković");
        assertThat(mine.at("/1/decidedByName").asString()).isEqualTo("Milan Jovanović");
        assertThat(caseManager.get("/api/approvals?requestedBy=me").body().get("items").size())
                .as("another person's requests are not mine").isZero();

        String withdrawal = "/api/approvals/" + second + "/withdrawal";
        Answer byAnother = caseManager.post(withdrawal, Map.of());
        assertThat(byAnother.status()).isEqualTo(409);
        assertThat(byAnother.body().get("detail").asString()).contains("only who requested this step");
        assertThat(as(Role.CASE_MANAGER, POLICE).post(withdrawal, Map.of()).status()).as("another organisation's")
                .isEqualTo(404);
        assertThat(firstLine.post(withdrawal, Map.of()).status()).isEqualTo(404);
        Answer withdrawn = requester.post(withdrawal, Map.of());
        assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(200);
        assertThat(withdrawn.body().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(requester.post(withdrawal, Map.of()).status()).as("once").isEqualTo(409);
        assertThat(approver.post("/api/approvals/" + second + "/approval", Map.of()).status()).isEqualTo(409);
        assertThat(requester.post("/api/approvals/" + first + "/withdrawal", Map.of()).status())
                .as("decided already").isEqualTo(409);
        awaitProcessing().until(() -> requester.get("/api/approvals?requestedBy=me&status=WITHDRAWN").body()
                .get("items").size() == 1);
        assertThat(caseManager.get("/api/cases/" + caseId).body().get("closed").asBoolean()).isFalse();
        assertThat(event(caseManager.get("/api/cases/" + caseId + "/history").body().get("events"),
                "ApprovalWithdrawn").at("/metadata/userId").asString()).isEqualTo(requesterId);

        assertThat(firstLine.get("/api/approvals").status()).as("the organisation's: not a first-line's")
                .isEqualTo(403);
        assertThat(firstLine.get("/api/approvals?requestedBy=me").status()).isEqualTo(200);
        assertThat(as(Role.SERVICE_PROVIDER, SOCIAL_WELFARE).get("/api/approvals?requestedBy=me").status())
                .isEqualTo(403);
        Answer someoneElse = requester.get("/api/approvals?requestedBy=" + approverId);
        assertThat(someoneElse.status()).isEqualTo(400);
        assertThat(someoneElse.contentType()).startsWith("application/problem+json");
    }

    private void heldTransnationalReferral(UUID caseId, UUID approvalId, String requesterId) {
        String referralId = UUID.randomUUID().toString();
        referrals.put(approvalId, referralId);
        Actor actor = new Actor(requesterId, "web", SOCIAL_WELFARE, "test", "RS", Set.of(Role.CASE_MANAGER));
        String request = "{\"transnationalReferralId\":\"" + referralId + "\",\"caseId\":\"" + caseId
                + "\",\"toInstallationId\":\"AL-NRM\",\"serviceType\":\"SAFE_ACCOMMODATION\","
                + "\"urgency\":\"URGENT\",\"note\":\"Returns home on Friday\"}";
        eventStore.publish(new GenericDomainEventMessage<>("TransnationalReferral", referralId, 0,
                new TransnationalReferralHeld(UUID.fromString(referralId), caseId, approvalId, SOCIAL_WELFARE,
                        "AL-NRM", "SAFE_ACCOMMODATION", Urgency.URGENT, Instant.now().plus(3, ChronoUnit.DAYS),
                        personalData.seal(caseId, PersonalField.HELD_TRANSNATIONAL_REQUEST, request)),
                actor.toMetadata()));
    }

    private final Map<UUID, String> referrals = new HashMap<>();

    private String referralOf(UUID approvalId) {
        return referrals.get(approvalId);
    }

    private void account(String userId, String name) {
        eventStore.publish(new GenericDomainEventMessage<>("UserAccount", userId, 0, new UserAccountCreated(
                UUID.fromString(userId), UUID.fromString(SOCIAL_WELFARE), "user-" + userId, name, List.of())));
    }

    private ApiClient person(String organisationId, String userId, Role... roles) {
        return anonymous.as(TestTokens.get().sign(TestTokens.get().claims(organisationId, List.of(roles))
                .subject(userId).claim(TokenClaims.USER_ID, userId).build()));
    }

    @Test
    void badInputIsAProblemNamingWhatWasWrong() {
        ApiClient approver = person(SOCIAL_WELFARE, Role.APPROVER);
        Answer badStatus = approver.get("/api/approvals?status=WAITING");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.contentType()).startsWith("application/problem+json");
        assertThat(approver.get("/api/approvals?size=0").status()).isEqualTo(400);
        Answer unknown = approver.post("/api/approvals/" + UUID.randomUUID() + "/approval", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(approver.get("/api/approvals/not-an-id").status()).isEqualTo(400);
        UUID caseId = presumedVictim();
        Answer badReason = caseManager.post("/api/cases/" + caseId + "/closure", Map.of("reason", "BORED"));
        assertThat(badReason.status()).as("checked before it is held").isEqualTo(422);
    }

    private ApiClient person(String organisationId, Role... roles) {
        return anonymous.as(TestTokens.get().sign(TestTokens.get().claims(organisationId, List.of(roles)).build()));
    }

    private static JsonNode event(JsonNode history, String type) {
        return history.valueStream().filter(e -> e.get("type").asString().equals(type)).findFirst().orElseThrow();
    }

    /** Opened and flagged by the police, managed by the social welfare centre. */
    private UUID presumedVictim() {
        UUID caseId = UUID.randomUUID();
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        // the case manager's view is filled in from the events moments later: the tests read it right after a
        // held command's 202, so it must hold the case first
        awaitProcessing().until(() -> caseManager.get(path).status(), status -> status == 200);
        return caseId;
    }
}
