package org.nrmplatform.shared.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps data subjects' keys for storage (AES-256-GCM, the subject id bound as additional data, so a wrapped
 * key cannot be passed off as another subject's). A KMS-backed {@link SubjectKeys} would do this in the KMS.
 */
public final class MasterKey {

    private final SecretKey key;

    private MasterKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** @throws IllegalArgumentException when {@code base64} is not base64 of 32 bytes */
    public static MasterKey fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("nrm.privacy.master-key is not base64", notBase64);
        }
        if (bytes.length != Aead.KEY_BYTES) {
            throw new IllegalArgumentException("nrm.privacy.master-key must be 32 bytes (AES-256); it is "
                    + bytes.length);
        }
        return new MasterKey(bytes);
    }

    String wrap(String subjectId, byte[] dataKey) {
        return Base64.getEncoder().encodeToString(Aead.seal(key, Aead.RANDOM_NONCES.get(), aad(subjectId), dataKey));
    }

    /** @throws WrongMasterKey when the key was wrapped with another master key, or altered */
    SecretKey unwrap(String subjectId, String wrapped) {
        try {
            return new SecretKeySpec(Aead.open(key, aad(subjectId), Base64.getDecoder().decode(wrapped)), "AES");
        } catch (Aead.DoesNotOpen e) {
            throw new WrongMasterKey(subjectId, e);
        }
    }

    private static byte[] aad(String subjectId) {
        return ("nrm-subject-key\n" + subjectId).getBytes(StandardCharsets.UTF_8);
    }

    /** The stored key of a subject does not unwrap: the configured master key is not the one it was wrapped with. */
    public static final class WrongMasterKey extends IllegalStateException {
        WrongMasterKey(String subjectId, Throwable cause) {
            super("the key of data subject " + subjectId + " does not unwrap with the configured "
                    + "nrm.privacy.master-key: it was wrapped with another master key, or altered", cause);
        }
    }
}
