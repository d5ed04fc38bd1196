package org.nrmplatform.embeddedstore;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The one user the store answers (the platform's), as a SCRAM-SHA-256 verifier: only the salt, the stored key and the
 * server key are kept, never the password. The salt is new at each start; a client derives its keys again once per
 * salt (the MongoDB driver caches them), so connections after the first cost no key derivation.
 */
public final class StoreCredentials {

    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_256;
    /** MongoDB's own count for SCRAM-SHA-256; drivers refuse fewer than 4096. */
    static final int ITERATIONS = 15_000;
    static final String USERNAME_VARIABLE = "NRM_STORE_USERNAME";
    static final String PASSWORD_VARIABLE = "NRM_STORE_PASSWORD";
    static final String DEFAULT_USERNAME = "nrm";

    private final String username;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private StoreCredentials(String username, char[] password) {
        this.username = Objects.requireNonNull(username, "username");
        if (password.length < 16) {
            throw new IllegalArgumentException("the store password must be at least 16 characters");
        }
        this.salt = ScramFunctions.salt(28, new SecureRandom());
        // MongoDB prepares SCRAM-SHA-256 passwords with SASLprep, as the drivers do
        byte[] salted = ScramFunctions.saltedPassword(MECHANISM, StringPreparation.SASL_PREPARATION, password, salt,
                ITERATIONS);
        this.storedKey = ScramFunctions.storedKey(MECHANISM, ScramFunctions.clientKey(MECHANISM, salted));
        this.serverKey = ScramFunctions.serverKey(MECHANISM, salted);
    }

    public static StoreCredentials of(String username, String password) {
        return new StoreCredentials(username, Objects.requireNonNull(password, "password").toCharArray());
    }

    /**
     * From {@value #USERNAME_VARIABLE} (default {@value #DEFAULT_USERNAME}) and {@value #PASSWORD_VARIABLE}: never
     * from the command line, which every local user can read.
     *
     * @throws IllegalArgumentException without a password: the store never answers everyone
     */
    static StoreCredentials fromEnvironment(Map<String, String> environment) {
        String password = environment.get(PASSWORD_VARIABLE);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException(PASSWORD_VARIABLE + " is not set: the store answers only clients that "
                    + "authenticate (SCRAM-SHA-256) as its user; infra/nrm generates the password into "
                    + "$NRM_DATA_DIR/store-password");
        }
        String username = environment.get(USERNAME_VARIABLE);
        return of(username == null || username.isBlank() ? DEFAULT_USERNAME : username, password);
    }

    String username() {
        return username;
    }

    String salt() {
        return Base64.getEncoder().encodeToString(salt);
    }

    boolean provenBy(byte[] clientProof, String authMessage) {
        return ScramFunctions.verifyClientProof(MECHANISM, clientProof, storedKey, authMessage);
    }

    byte[] serverSignature(String authMessage) {
        return ScramFunctions.serverSignature(MECHANISM, serverKey, authMessage);
    }
}
