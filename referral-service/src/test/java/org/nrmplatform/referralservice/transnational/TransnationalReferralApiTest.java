package org.nrmplatform.referralservice.transnational;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcceptedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcknowledgedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralSent;
import org.nrmplatform.referralservice.ApiTest;
import org.nrmplatform.referralservice.ReferralServiceApplication;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two installations over real HTTP: this test's referral-service is the Serbian NRM (RS-NRM, the sender) and
 * a second referral-service in the same JVM, with databases of its own, is the Albanian NRM (AL-NRM, the
 * receiver). Packets are carried between them as an operator would. The Albanian key is made here and put
 * where AL-NRM keeps its key, so that each installation can be configured with the other's key at start.
 */
class TransnationalReferralApiTest extends ApiTest {

    private static final KeyPair ALBANIAN_KEYS = PacketTest.keys();
    private static final String ALBANIAN_KEY_ID = "al-key-1";
    private static ConfigurableApplicationContext albania;
    private static ApiClient albanianCoordinator;

    @DynamicPropertySource
    static void serbia(DynamicPropertyRegistry registry) {
        registry.add("nrm.transnational.installation-id", () -> "RS-NRM");
        registry.add("nrm.transnational.country", () -> "RS");
        registry.add("nrm.transnational.peers[0].installation-id", () -> "AL-NRM");
        registry.add("nrm.transnational.peers[0].country", () -> "AL");
        registry.add("nrm.transnational.peers[0].key-id", () -> ALBANIAN_KEY_ID);
        registry.add("nrm.transnational.peers[0].public-key",
                () -> Base64.getEncoder().encodeToString(ALBANIAN_KEYS.getPublic().getEncoded()));
    }

    @BeforeEach
    void albania() {
        if (albania != null) {
            return;
        }
        JsonNode serbianKey = caseManager.get("/api/transnational-referrals/keys").body();
        assertThat(serbianKey.get("installationId").asString()).isEqualTo("RS-NRM");
        Map<String, Object> properties = new HashMap<>();
        EmbeddedStore.register((name, value) -> properties.put(name, value.get()));
        TestTokens.register((name, value) -> properties.put(name, value.get()));
        try (MongoClient mongo = MongoClients.create(EmbeddedStore.uri())) {
            mongo.getDatabase((String) properties.get("nrm.store.service-database"))
                    .getCollection(InstallationKeys.COLLECTION).insertOne(new Document("_id", InstallationKeys.SIGNING)
                            .append("keyId", ALBANIAN_KEY_ID).append("created", new Date())
                            .append("publicKey", base64(ALBANIAN_KEYS.getPublic().getEncoded()))
                            .append("privateKey", base64(ALBANIAN_KEYS.getPrivate().getEncoded())));
        }
        properties.put("server.port", "0");
        properties.put("nrm.transnational.installation-id", "AL-NRM");
        properties.put("nrm.transnational.country", "AL");
        properties.put("nrm.transnational.peers[0].installation-id", "RS-NRM");
        properties.put("nrm.transnational.peers[0].country", "RS");
        properties.put("nrm.transnational.peers[0].key-id", serbianKey.get("keyId").asString());
        properties.put("nrm.transnational.peers[0].public-key", serbianKey.get("publicKey").asString());
        // as arguments, since default properties would lose to application.yml
        albania = new SpringApplicationBuilder(ReferralServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
        String port = albania.getEnvironment().getProperty("local.server.port");
        albanianCoordinator = new ApiClient("http://127.0.0.1:" + port)
                .as(TestTokens.get().forRole(Role.CASE_MANAGER, OTHER_WELFARE));
        assertThat(albanianCoordinator.get("/api/transnational-referrals/keys").body().get("keyId").asString())
                .as("AL-NRM signs with the key stored for it").isEqualTo(ALBANIAN_KEY_ID);
    }

    @AfterAll
    static void closeAlbania() {
        if (albania != null) {
            albania.close();
            albania = null;
        }
    }

    @Test
    void aReferralTravelsToTheOtherNrmAndItsAnswersTravelBack() {
        UUID referralId = sentReferral();
        JsonNode referralPacket = packets(caseManager, referralId).get(0);
        assertThat(referralPacket.get("type").asString()).isEqualTo("REFERRAL");
        assertThat(referralPacket.toString()).doesNotContain("Petrović", "caseId", "dateOfBirth");

        Answer imported = albanianCoordinator.post("/api/transnational-referrals/packets", referralPacket.toString());
        assertThat(imported.status()).as("%s", imported.body()).isEqualTo(201);
        assertThat(imported.body().get("status").asString()).isEqualTo("RECEIVED");

        JsonNode acknowledgement = packets(albanianCoordinator, referralId).get(0);
        assertThat(acknowledgement.get("type").asString()).isEqualTo("ACKNOWLEDGEMENT");
        assertThat(caseManager.post("/api/transnational-referrals/packets", acknowledgement.toString()).status())
                .isEqualTo(201);

        Answer accepted = albanianCoordinator.post("/api/transnational-referrals/" + referralId + "/acceptance",
                Map.of("note", "Shelter in Tirana, from Friday"));
        assertThat(accepted.body().get("status").asString()).isEqualTo("ACCEPTED");
        JsonNode acceptance = packets(albanianCoordinator, referralId).get(1);
        assertThat(acceptance.get("type").asString()).isEqualTo("ACCEPTANCE");
        assertThat(caseManager.post("/api/transnational-referrals/packets", acceptance.toString()).status())
                .isEqualTo(201);

        JsonNode sent = caseManager.get("/api/transnational-referrals/" + referralId).body();
        assertThat(sent.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(sent.get("steps").valueStream().map(step -> step.get("step").asString()).toList())
                .containsExactly("SENT", "ACKNOWLEDGED_BY_PEER", "ACCEPTED_BY_PEER");
        assertThat(eventStore.readEvents(referralId.toString()).asStream().map(e -> (Object) e.getPayloadType()))
                .containsExactly(TransnationalReferralSent.class, TransnationalReferralAcknowledgedByPeer.class,
                        TransnationalReferralAcceptedByPeer.class);
        JsonNode received = albanianCoordinator.get("/api/transnational-referrals/" + referralId).body();
        assertThat(received.get("direction").asString()).isEqualTo("INCOMING");
        assertThat(received.get("steps").valueStream().map(step -> step.get("step").asString()).toList())
                .containsExactly("RECEIVED", "ACKNOWLEDGED", "ACCEPTED");
        assertThat(received.at("/disclosed/yearOfBirth").isMissingNode()).as("no date of birth in the case").isTrue();
        assertThat(received.at("/disclosed/citizenship/0").asString()).isEqualTo("AL");
        assertThat(received.path("caseId").isNull() || received.path("caseId").isMissingNode())
                .as("the receiving side knows no case id").isTrue();

        assertThat(as(Role.CASE_MANAGER, OTHER_WELFARE).get("/api/transnational-referrals/" + referralId).status())
                .as("another organisation of the sending NRM").isEqualTo(404);
        assertThat(albanianCoordinator.post("/api/transnational-referrals/" + referralId + "/decline",
                Map.of("reason", "NO_CAPACITY")).status()).isEqualTo(409);
        assertThat(caseManager.post("/api/transnational-referrals/" + referralId + "/acceptance", Map.of()).status())
                .as("only the receiving NRM answers").isEqualTo(409);
    }

    @Test
    void replayedTamperedAndMalformedPacketsAreProblems() {
        UUID referralId = sentReferral();
        String packet = packets(caseManager, referralId).get(0).toString();
        ObjectNode tampered = (ObjectNode) Packet.JSON.readTree(packet);
        ((ObjectNode) tampered.get("body")).put("serviceType", "MEDICAL_CARE");
        assertProblem(albanianCoordinator.post("/api/transnational-referrals/packets", tampered.toString()), 422,
                "signature");

        assertThat(albanianCoordinator.post("/api/transnational-referrals/packets", packet).status()).isEqualTo(201);
        assertProblem(albanianCoordinator.post("/api/transnational-referrals/packets", packet), 409, null);
        assertProblem(albanianCoordinator.post("/api/transnational-referrals/packets", "{\"packetId\": "), 400, null);
        assertProblem(albanianCoordinator.post("/api/transnational-referrals/packets", "{\"givenName\": \"Ana\"}"),
                400, null);
    }

    @Test
    void aMisshapenPacketIsDescribedByFieldWithoutJavaNames() {
        String packetId = UUID.randomUUID().toString();
        for (Map.Entry<String, String> wrong : Map.of(
                "type", "{\"packetId\": \"" + packetId + "\", \"type\": \"GREETING\"}",
                "from", "{\"packetId\": \"" + packetId + "\", \"from\": \"AL-NRM\"}",
                "body.urgency", "{\"packetId\": \"" + packetId + "\", \"body\": {\"urgency\": 2}}",
                "issuedAt", "{\"packetId\": \"" + packetId + "\", \"issuedAt\": \"Friday\"}").entrySet()) {
            Answer answer = caseManager.post("/api/transnational-referrals/packets", wrong.getValue());
            assertProblem(answer, 400, wrong.getKey());
            assertThat(answer.raw().body()).doesNotContain("org.nrmplatform", "Packet$", "tools.jackson", "`");
        }
    }

    @Test
    void aPacketWithATimeNoViewCouldHoldIsRefused() {
        UUID referralId = UUID.randomUUID();
        Packet.Body body = new Packet.Body(null, "Feminine", List.of("RS"), 1994, "SAFE_ACCOMMODATION",
                null, Instant.parse("+999999999-12-31T23:59:59Z"), "note",
                new Packet.Consent(UUID.randomUUID(), List.of("TRANSNATIONAL_REFERRAL")), null, null);
        Packet packet = new Installation("AL-NRM", "AL", ALBANIAN_KEY_ID, ALBANIAN_KEYS, Clock.systemUTC())
                .issue(Packet.Type.REFERRAL, referralId, "RS-NRM", body);
        assertProblem(importHere(packet), 422, "body.respondBy");
        Map<String, Object> request = request(openedCase(), "AL-NRM");
        request.put("respondBy", "-999999999-01-01T00:00:00Z");
        assertProblem(caseManager.post("/api/transnational-referrals", request), 400, "respondBy");
    }

    @Test
    void packetsFromStrangersForOthersOrTooOldAreRefused() {
        Installation albanianNrm = new Installation("AL-NRM", "AL", ALBANIAN_KEY_ID, ALBANIAN_KEYS, Clock.systemUTC());
        Installation stranger = new Installation("MK-NRM", "MK", "mk-key", PacketTest.keys(), Clock.systemUTC());
        Packet.Body answer = Packet.Body.answer(null, "Welcome");
        assertProblem(importHere(stranger.issue(Packet.Type.ACCEPTANCE, UUID.randomUUID(), "RS-NRM", answer)),
                422, "from");
        assertProblem(importHere(albanianNrm.issue(Packet.Type.ACCEPTANCE, UUID.randomUUID(), "MK-NRM", answer)),
                422, "to");
        Packet old = new Packet(UUID.randomUUID(), Packet.Type.ACCEPTANCE, UUID.randomUUID(),
                new Packet.Sender("AL-NRM", "AL"), "RS-NRM", Instant.now().minus(4, ChronoUnit.DAYS), ALBANIAN_KEY_ID,
                answer, null).signedWith(ALBANIAN_KEYS.getPrivate());
        assertProblem(importHere(old), 422, "issuedAt");
        Packet otherKey = new Installation("AL-NRM", "AL", "al-key-0", ALBANIAN_KEYS, Clock.systemUTC())
                .issue(Packet.Type.ACCEPTANCE, UUID.randomUUID(), "RS-NRM", answer);
        assertProblem(importHere(otherKey), 422, "keyId");
        Packet forged = new Installation("AL-NRM", "AL", ALBANIAN_KEY_ID, PacketTest.keys(), Clock.systemUTC())
                .issue(Packet.Type.ACCEPTANCE, UUID.randomUUID(), "RS-NRM", answer);
        assertProblem(importHere(forged), 422, "signature");
        Packet acceptanceOfNothing = albanianNrm.issue(Packet.Type.ACCEPTANCE, UUID.randomUUID(), "RS-NRM", answer);
        assertProblem(importHere(acceptanceOfNothing), 409, null);
        assertThat(importHere(acceptanceOfNothing).status()).as("refused, so not recorded as imported").isEqualTo(409);
    }

    @Test
    void aReferralNeedsAConsentNamingTheOtherNrmAndAConfiguredPeer() {
        UUID caseId = openedCase();
        UUID otherNrm = consentTo(caseId, "MK-NRM", List.of("TRANSNATIONAL_REFERRAL"), List.of());
        awaitCaseState(caseId, state -> state.consents().containsKey(otherNrm.toString()));
        assertProblem(caseManager.post("/api/transnational-referrals", request(caseId, "AL-NRM")), 422, "caseId");
        assertProblem(caseManager.post("/api/transnational-referrals", request(caseId, "MK-NRM")), 422,
                "toInstallationId");
    }

    private Answer importHere(Packet packet) {
        return caseManager.post("/api/transnational-referrals/packets", packet.json());
    }

    private UUID sentReferral() {
        UUID caseId = openedCase();
        UUID consentId = consentTo(caseId, "AL-NRM", List.of("TRANSNATIONAL_REFERRAL"), List.of());
        awaitCaseState(caseId, state -> state.consents().containsKey(consentId.toString()));
        UUID referralId = UUID.randomUUID();
        Map<String, Object> request = request(caseId, "AL-NRM");
        request.put("transnationalReferralId", referralId.toString());
        eventually(() -> caseManager.post("/api/transnational-referrals", request).status() == 201);
        return referralId;
    }

    private static Map<String, Object> request(UUID caseId, String to) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId.toString());
        body.put("toInstallationId", to);
        body.put("serviceType", "SAFE_ACCOMMODATION");
        body.put("urgency", "URGENT");
        body.put("respondBy", Instant.now().plus(3, ChronoUnit.DAYS).toString());
        body.put("note", "Returns home on Friday");
        return body;
    }

    private static JsonNode packets(ApiClient client, UUID referralId) {
        Answer answer = client.get("/api/transnational-referrals/" + referralId + "/packets");
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.body().at("/errors/0/field").asString()).isEqualTo(field);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
