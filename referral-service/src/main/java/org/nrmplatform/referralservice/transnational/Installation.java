package org.nrmplatform.referralservice.transnational;

import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/** This NRM installation: its identity among NRMs and the key it signs its packets with. */
public final class Installation {

    /** What a peer's operator configures to trust this installation's packets. */
    public record PublicKeyInfo(String installationId, String country, String keyId, String algorithm,
                                String publicKey) {
    }

    private final String id;
    private final String country;
    private final String keyId;
    private final KeyPair keys;
    private final Clock clock;

    public Installation(String id, String country, String keyId, KeyPair keys, Clock clock) {
        this.id = id;
        this.country = country;
        this.keyId = keyId;
        this.keys = keys;
        this.clock = clock;
    }

    public String id() {
        return id;
    }

    public PublicKeyInfo publicKey() {
        return new PublicKeyInfo(id, country, keyId, "Ed25519",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    }

    /** A new packet from this installation to {@code to}, signed. */
    public Packet issue(Packet.Type type, UUID transnationalReferralId, String to, Packet.Body body) {
        return new Packet(UUID.randomUUID(), type, transnationalReferralId, new Packet.Sender(id, country), to,
                clock.instant(), keyId, body, null).signedWith(keys.getPrivate());
    }
}
