package org.nrmplatform.identityservice.credentials;

import java.security.SecureRandom;
import java.util.Base64;

/** Client secrets are made by the server: 32 random bytes, base64url, shown once and then only hashed. */
public final class ClientSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
