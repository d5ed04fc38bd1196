package org.nrmplatform.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 canonical JSON and SHA-256: the two primitives every hash and signature here is made of. */
final class Canonical {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Canonical() {
    }

    /** The RFC 8785 form (UTF-8) of a JSON object whose values are strings, nulls and integers below 2^53. */
    static byte[] json(Map<String, ?> fields) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(fields)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + fields.keySet(), e);
        } catch (IOException e) {
            throw new IllegalStateException("RFC 8785 canonicalisation failed", e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
