package org.nrmplatform.caseservice.matching;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's key of the blind index: HMAC-SHA-256 of a value under the name of what it is ("name",
 * "birth-date", ...), so that equal values compare equal while the index, without the key, tells nothing of
 * them, not even by trying a list of common names.
 */
final class BlindIndexKey {

    private final SecretKeySpec key;

    BlindIndexKey(String base64) {
        this.key = new SecretKeySpec(Base64.getDecoder().decode(base64.trim()), "HmacSHA256");
    }

    /** The keyed digest of {@code value} as {@code what}, base64url without padding. */
    String digest(String what, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(what.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "BlindIndexKey[(hidden)]";
    }
}
