package org.nrmplatform.referralservice.transnational;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.web.JsonInput;
import org.nrmplatform.shared.web.UnreadableJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What travels between two NRM installations: one step of a transnational referral, signed by the installation
 * that issued it. {@code signature} is the base64 Ed25519 signature over the RFC 8785 canonical JSON of the
 * packet without its {@code signature} field, so any byte-for-byte re-encoding (key order, whitespace) still
 * verifies and any change of content does not.
 *
 * <p>Minimum disclosure: a referral packet says only what the receiving NRM needs to offer assistance (age
 * category, sex, citizenship, year of birth, the service asked for) and the consent that covers it. No names,
 * no case id (the {@code transnationalReferralId} is the only reference to the case), no screening data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Packet(UUID packetId, Type type, UUID transnationalReferralId, Sender from, String to,
                     Instant issuedAt, String keyId, Body body, String signature) {

    public enum Type {
        REFERRAL,
        ACKNOWLEDGEMENT,
        ACCEPTANCE,
        DECLINE
    }

    public record Sender(String installationId, String country) {
    }

    /**
     * The type-specific content. REFERRAL: the person's age category, sex, citizenship, year of birth, the
     * service, urgency, respond-by, a note and the consent. ACKNOWLEDGEMENT: {@code receivedAt}. ACCEPTANCE:
     * a note. DECLINE: a reason and a note.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(AgeCategory ageCategory, String sex, List<String> citizenship, Integer yearOfBirth,
                       String serviceType, Urgency urgency, Instant respondBy, String note, Consent consent,
                       Instant receivedAt, String reason) {

        static Body acknowledgement(Instant receivedAt) {
            return new Body(null, null, null, null, null, null, null, null, null, receivedAt, null);
        }

        static Body answer(String reason, String note) {
            return new Body(null, null, null, null, null, null, null, note, null, null, reason);
        }
    }

    /** The consent under which the referral was disclosed, by its id in the sending installation's case. */
    public record Consent(UUID consentId, List<String> purposes) {
    }

    /** Strict on purpose: a duplicated key could make what was signed differ from what is read. */
    static final JsonMapper JSON = JsonInput.strict(JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();
    private static final String ALGORITHM = "Ed25519";

    /** A packet that could not be read: not JSON, or not the shape of a packet (answered 400 naming the field). */
    public static class Unreadable extends UnreadableJson {

        private static final String WHAT = "a transnational referral packet";

        Unreadable(JacksonException cause) {
            super(WHAT, cause);
        }

        Unreadable(String reason) {
            super(WHAT, reason);
        }
    }

    /** Reads a packet as it arrived; its signature is checked separately, over the same text. */
    public static Packet read(String json) {
        try {
            return JSON.treeToValue(tree(json), Packet.class);
        } catch (JacksonException e) {
            throw new Unreadable(e);
        }
    }

    /** This packet, signed with the key named by its {@code keyId}. */
    public Packet signedWith(PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(canonicalForm(JSON.valueToTree(this)));
            return new Packet(packetId, type, transnationalReferralId, from, to, issuedAt, keyId, body,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a packet", e);
        }
    }

    public String json() {
        return JSON.writeValueAsString(this);
    }

    /** Whether the packet text carries a valid signature by {@code key} over its content, as received. */
    public static boolean signatureVerifies(String json, PublicKey key) {
        try {
            JsonNode packet = tree(json);
            JsonNode signature = packet.get("signature");
            if (signature == null || !signature.isString()) {
                return false;
            }
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(canonicalForm(packet));
            return verifier.verify(Base64.getDecoder().decode(signature.asString()));
        } catch (GeneralSecurityException | IllegalArgumentException | JacksonException e) {
            return false;
        }
    }

    /** The RFC 8785 form of the packet without its signature: the bytes that are signed. */
    static byte[] canonicalForm(JsonNode packet) {
        ObjectNode unsigned = ((ObjectNode) packet).deepCopy();
        unsigned.remove("signature");
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(unsigned)).getEncodedString()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unreadable("the packet cannot be put in canonical form (RFC 8785) for its signature");
        }
    }

    private static JsonNode tree(String json) {
        JsonNode tree = JSON.readTree(json);
        if (tree == null || !tree.isObject()) {
            throw new Unreadable("a transnational referral packet is a JSON object");
        }
        return tree;
    }
}
