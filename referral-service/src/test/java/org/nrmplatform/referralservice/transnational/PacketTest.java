package org.nrmplatform.referralservice.transnational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.referrals.Urgency;
import tools.jackson.databind.node.ObjectNode;

/** The signed form of a packet: stable under re-encoding, broken by any change of content or another key. */
class PacketTest {

    static final KeyPair KEYS = keys();
    static final KeyPair OTHER_KEYS = keys();

    static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Packet.Body referralBody() {
        return new Packet.Body(AgeCategory.ADULT, "Feminine", List.of("AL"), 1998, "SAFE_ACCOMMODATION",
                Urgency.URGENT, Instant.now().plus(2, ChronoUnit.DAYS), "Returns on Friday's flight",
                new Packet.Consent(UUID.randomUUID(), List.of("TRANSNATIONAL_REFERRAL")), null, null);
    }

    private final Installation serbia = new Installation("RS-NRM", "RS", "rs-key-1", KEYS, Clock.systemUTC());
    private final String json = serbia.issue(Packet.Type.REFERRAL, UUID.randomUUID(), "AL-NRM", referralBody()).json();

    @Test
    void aSignedPacketVerifiesWithTheSignersKeyOnly() {
        assertThat(Packet.signatureVerifies(json, KEYS.getPublic())).isTrue();
        assertThat(Packet.signatureVerifies(json, OTHER_KEYS.getPublic())).isFalse();
        Installation impostor = new Installation("RS-NRM", "RS", "rs-key-1", OTHER_KEYS, Clock.systemUTC());
        String forged = impostor.issue(Packet.Type.REFERRAL, UUID.randomUUID(), "AL-NRM", referralBody()).json();
        assertThat(Packet.signatureVerifies(forged, KEYS.getPublic())).isFalse();
    }

    @Test
    void theCanonicalFormIgnoresKeyOrderAndWhitespace() {
        assertThat(Packet.canonicalForm(Packet.JSON.readTree("{ \"b\": 1,\n \"a\": [\"x\", {\"d\":true,\"c\":null}] }")))
                .isEqualTo(Packet.canonicalForm(Packet.JSON.readTree("{\"a\":[\"x\",{\"c\":null,\"d\":true}],\"b\":1}")));
        ObjectNode reordered = Packet.JSON.createObjectNode();
        ObjectNode original = (ObjectNode) Packet.JSON.readTree(json);
        List<String> names = new java.util.ArrayList<>(original.propertyNames());
        java.util.Collections.reverse(names);
        names.forEach(name -> reordered.set(name, original.get(name)));
        String reencoded = Packet.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reordered);
        assertThat(reencoded).isNotEqualTo(json);
        assertThat(Packet.signatureVerifies(reencoded, KEYS.getPublic())).isTrue();
    }

    @Test
    void changingAnyFieldBreaksTheSignature() {
        assertThat(Packet.signatureVerifies(tampered("/body", "serviceType", "MEDICAL_CARE"), KEYS.getPublic()))
                .isFalse();
        assertThat(Packet.signatureVerifies(tampered("/body", "ageCategory", "CHILD"), KEYS.getPublic())).isFalse();
        assertThat(Packet.signatureVerifies(tampered("", "to", "MK-NRM"), KEYS.getPublic())).isFalse();
        assertThat(Packet.signatureVerifies(tampered("/body", "givenName", "Ana"), KEYS.getPublic()))
                .as("a field added after signing").isFalse();
        ObjectNode unsigned = (ObjectNode) Packet.JSON.readTree(json);
        unsigned.remove("signature");
        assertThat(Packet.signatureVerifies(unsigned.toString(), KEYS.getPublic())).isFalse();
        assertThat(Packet.signatureVerifies("not json", KEYS.getPublic())).isFalse();
    }

    @Test
    void aPacketDisclosesNoNameNoCaseAndNoDateOfBirth() {
        assertThat(json).doesNotContain("givenName", "familyName", "dateOfBirth", "caseId");
        Packet packet = Packet.read(json);
        assertThat(packet.body().yearOfBirth()).isEqualTo(1998);
        assertThat(packet.from()).isEqualTo(new Packet.Sender("RS-NRM", "RS"));
    }

    @Test
    void unreadablePacketsAreRefusedAsSuch() {
        assertThatThrownBy(() -> Packet.read("{\"packetId\": ")).isInstanceOf(Packet.Unreadable.class);
        assertThatThrownBy(() -> Packet.read("[1, 2]")).isInstanceOf(Packet.Unreadable.class);
        assertThatThrownBy(() -> Packet.read("{\"to\": \"A\", \"to\": \"B\"}")).isInstanceOf(Packet.Unreadable.class);
        assertThatThrownBy(() -> Packet.read("{\"surname\": \"X\"}")).isInstanceOf(Packet.Unreadable.class);
    }

    private String tampered(String at, String field, String value) {
        ObjectNode packet = (ObjectNode) Packet.JSON.readTree(json);
        ((ObjectNode) packet.at(at.isEmpty() ? "" : at)).put(field, value);
        return packet.toString();
    }
}
