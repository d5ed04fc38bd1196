package org.nrmplatform.referralservice.transnational;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalGranted;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRejected;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalWithdrawn;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralHeld;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralNotSent;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralSent;
import org.nrmplatform.referralservice.ApiTest;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An installation that holds transnational referrals for a second person's approval. The request answers 202 with
 * the approval to follow and sends nothing; the approval is case-service's record, whose decisions (appended here
 * as case-service appends them) referral-service carries out: granted, the referral is sent once, with the rules
 * checked again; rejected or withdrawn, it is never sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nrm.referral.deadlines.poll-interval=200ms", "nrm.approvals.required=TRANSNATIONAL_REFERRAL"})
class HeldTransnationalReferralApiTest extends ApiTest {

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        registry.add("nrm.transnational.installation-id", () -> "RS-NRM");
        registry.add("nrm.transnational.country", () -> "RS");
        registry.add("nrm.transnational.peers[0].installation-id", () -> "AL-NRM");
        registry.add("nrm.transnational.peers[0].country", () -> "AL");
        registry.add("nrm.transnational.peers[0].key-id", () -> "al-key-1");
        registry.add("nrm.transnational.peers[0].public-key",
                () -> Base64.getEncoder().encodeToString(PacketTest.keys().getPublic().getEncoded()));
    }

    private record Held(UUID caseId, UUID referralId, UUID approvalId) {
    }

    @Test
    void aHeldReferralIsSentOnlyOnceItsApprovalIsGranted() {
        Held held = held();
        JsonNode waiting = caseManager.get("/api/transnational-referrals/" + held.referralId()).body();
        assertThat(waiting.get("status").asString()).isEqualTo("HELD");
        assertThat(packets(held.referralId())).as("nothing to carry to the peer").isEmpty();
        assertThat(types(held.referralId())).containsExactly(TransnationalReferralHeld.class);
        TransnationalReferralHeld recorded = (TransnationalReferralHeld) eventStore
                .readEvents(held.referralId().toString()).next().getPayload();
        assertThat(personalData.reading().open(recorded.request(), PersonalField.HELD_TRANSNATIONAL_REQUEST))
                .contains("Returns home on Friday");

        append("Approval", held.approvalId().toString(),
                new ApprovalGranted(held.approvalId(), held.caseId(), ApprovedAction.TRANSNATIONAL_REFERRAL));
        eventually(() -> types(held.referralId()).contains(TransnationalReferralSent.class));
        JsonNode sent = caseManager.get("/api/transnational-referrals/" + held.referralId()).body();
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("steps").valueStream().map(step -> step.get("step").asString()).toList())
                .containsExactly("HELD_FOR_APPROVAL", "SENT");
        assertThat(packets(held.referralId()).get(0).get("type").asString()).isEqualTo("REFERRAL");
        TransnationalReferralSent event = (TransnationalReferralSent) eventStore
                .readEvents(held.referralId().toString()).asStream().skip(1).findFirst().orElseThrow().getPayload();
        assertThat(event.referringOrganisationId()).as("sent as its requester's").isEqualTo(SOCIAL_WELFARE);

        // delivered again (a restart between the decision and the token): nothing more is sent
        append("Approval", held.approvalId().toString(),
                new ApprovalGranted(held.approvalId(), held.caseId(), ApprovedAction.TRANSNATIONAL_REFERRAL));
        Held marker = held();
        append("Approval", marker.approvalId().toString(),
                new ApprovalWithdrawn(marker.approvalId(), marker.caseId(), ApprovedAction.TRANSNATIONAL_REFERRAL));
        eventually(() -> types(marker.referralId()).contains(TransnationalReferralNotSent.class));
        assertThat(types(held.referralId())).as("sent once").containsExactly(TransnationalReferralHeld.class,
                TransnationalReferralSent.class);
    }

    @Test
    void aRejectedOrWithdrawnReferralIsNeverSent() {
        Held rejected = held();
        append("Approval", rejected.approvalId().toString(), new ApprovalRejected(rejected.approvalId(),
                rejected.caseId(), ApprovedAction.TRANSNATIONAL_REFERRAL,
                personalData.seal(rejected.caseId(), PersonalField.APPROVAL_REJECTION_REASON, "not yet")));
        Held withdrawn = held();
        append("Approval", withdrawn.approvalId().toString(), new ApprovalWithdrawn(withdrawn.approvalId(),
                withdrawn.caseId(), ApprovedAction.TRANSNATIONAL_REFERRAL));
        eventually(() -> types(withdrawn.referralId()).contains(TransnationalReferralNotSent.class)
                && types(rejected.referralId()).contains(TransnationalReferralNotSent.class));

        JsonNode notSent = caseManager.get("/api/transnational-referrals/" + rejected.referralId()).body();
        assertThat(notSent.get("status").asString()).isEqualTo("NOT_SENT");
        assertThat(notSent.at("/steps/1/reason").asString()).isEqualTo("rejected by an approver");
        assertThat(caseManager.get("/api/transnational-referrals/" + withdrawn.referralId()).body()
                .at("/steps/1/reason").asString()).isEqualTo("withdrawn by its requester");
        assertThat(packets(rejected.referralId())).isEmpty();
        assertThat(types(rejected.referralId())).containsExactly(TransnationalReferralHeld.class,
                TransnationalReferralNotSent.class);
    }

    @Test
    void theRulesAreCheckedAgainWhenApproved() {
        Held held = held();
        withdraw(held.caseId(), consentOf(held));
        awaitCaseState(held.caseId(), state -> state.consents().isEmpty()
                || state.consents().values().stream().noneMatch(consent -> consent.active()));
        append("Approval", held.approvalId().toString(),
                new ApprovalGranted(held.approvalId(), held.caseId(), ApprovedAction.TRANSNATIONAL_REFERRAL));
        eventually(() -> types(held.referralId()).contains(TransnationalReferralNotSent.class));
        assertThat(caseManager.get("/api/transnational-referrals/" + held.referralId()).body()
                .at("/steps/1/reason").asString()).contains("no active consent");
        assertThat(types(held.referralId())).doesNotContain(TransnationalReferralSent.class);
    }

    @Test
    void aReferralThatCouldNotBeSentIsRefusedAtOnceNotHeld() {
        Map<String, Object> request = request(openedCase());
        Answer refused = caseManager.post("/api/transnational-referrals", request);
        assertThat(refused.status()).as("no consent: %s", refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(as(org.nrmplatform.contracts.identity.Role.SERVICE_PROVIDER, SHELTER)
                .post("/api/transnational-referrals", request).status()).isEqualTo(403);
    }

    private final Map<UUID, UUID> consents = new HashMap<>();

    private UUID consentOf(Held held) {
        return consents.get(held.caseId());
    }

    private Held held() {
        UUID caseId = openedCase();
        UUID consentId = consentTo(caseId, "AL-NRM", List.of("TRANSNATIONAL_REFERRAL"), List.of());
        consents.put(caseId, consentId);
        awaitCaseState(caseId, state -> state.consents().containsKey(consentId.toString()));
        UUID referralId = UUID.randomUUID();
        Map<String, Object> request = request(caseId);
        request.put("transnationalReferralId", referralId.toString());
        Answer answer = caseManager.post("/api/transnational-referrals", request);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(202);
        String approvalId = answer.body().get("approvalId").asString();
        assertThat(answer.header("Location")).isEqualTo("/api/approvals/" + approvalId);
        assertThat(answer.body().get("status").asString()).isEqualTo("PENDING");
        assertThat(answer.body().get("action").asString()).isEqualTo("TRANSNATIONAL_REFERRAL");
        assertThat(answer.body().get("transnationalReferralId").asString()).isEqualTo(referralId.toString());
        return new Held(caseId, referralId, UUID.fromString(approvalId));
    }

    private List<Object> types(UUID referralId) {
        return eventStore.readEvents(referralId.toString()).asStream().map(e -> (Object) e.getPayloadType()).toList();
    }

    private List<JsonNode> packets(UUID referralId) {
        Answer answer = caseManager.get("/api/transnational-referrals/" + referralId + "/packets");
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body().valueStream().toList();
    }

    private static Map<String, Object> request(UUID caseId) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId.toString());
        body.put("toInstallationId", "AL-NRM");
        body.put("serviceType", "SAFE_ACCOMMODATION");
        body.put("urgency", "URGENT");
        body.put("respondBy", Instant.now().plus(3, ChronoUnit.DAYS).toString());
        body.put("note", "Returns home on Friday");
        return body;
    }
}
