package org.nrmplatform.evidence;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed commitment to the heads of all aggregate streams: {@code root} is the {@link HeadTree} root over
 * the last event of every stream among the events with a global index up to {@code globalIndex}, of which
 * there are {@code streams}. {@code signature} is the base64 Ed25519 signature, by the key {@code keyId},
 * over the RFC 8785 JSON of the other fields ({@link #signedContent}).
 */
public record Checkpoint(long number, String createdAt, long globalIndex, long streams, String root, String keyId,
                         String signature) {

    static final String ALGORITHM = "Ed25519";

    /** The bytes that are signed: every field but the signature, as RFC 8785 JSON. */
    public byte[] signedContent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("number", number);
        fields.put("createdAt", createdAt);
        fields.put("globalIndex", globalIndex);
        fields.put("streams", streams);
        fields.put("root", root);
        fields.put("keyId", keyId);
        return Canonical.json(fields);
    }

    /** This checkpoint, signed. */
    public Checkpoint signedWith(PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signedContent());
            return new Checkpoint(number, createdAt, globalIndex, streams, root, keyId,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign checkpoint " + number, e);
        }
    }

    /** Whether the signature is valid by {@code key} over this content. */
    public boolean signatureVerifies(PublicKey key) {
        if (signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedContent());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
