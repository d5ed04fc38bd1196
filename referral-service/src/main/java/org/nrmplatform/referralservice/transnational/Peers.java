package org.nrmplatform.referralservice.transnational;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The NRM installations this one exchanges packets with, keys parsed at start so a bad one stops the start. */
public final class Peers {

    public record Peer(String installationId, String country, String keyId, PublicKey publicKey) {
    }

    private final Map<String, Peer> peers = new LinkedHashMap<>();

    public Peers(TransnationalProperties properties) {
        for (TransnationalProperties.Peer configured : properties.peers()) {
            if (configured.installationId().equals(properties.installationId())) {
                throw new IllegalStateException("nrm.transnational.peers names this installation itself: "
                        + configured.installationId());
            }
            if (peers.put(configured.installationId(), new Peer(configured.installationId(), configured.country(),
                    configured.keyId(), publicKey(configured))) != null) {
                throw new IllegalStateException("nrm.transnational.peers names " + configured.installationId()
                        + " twice");
            }
        }
    }

    public Optional<Peer> find(String installationId) {
        return Optional.ofNullable(installationId == null ? null : peers.get(installationId));
    }

    private static PublicKey publicKey(TransnationalProperties.Peer peer) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(peer.publicKey())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the public key of peer " + peer.installationId()
                    + " is not a base64 X.509 Ed25519 key", e);
        }
    }
}
