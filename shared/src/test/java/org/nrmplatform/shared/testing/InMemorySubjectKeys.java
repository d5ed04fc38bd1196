package org.nrmplatform.shared.testing;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.nrmplatform.shared.privacy.SubjectKeys;

/** A subject key store in memory, for aggregate fixtures and other tests without a database. */
public final class InMemorySubjectKeys implements SubjectKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Optional<SecretKey>> keys = new HashMap<>();

    @Override
    public synchronized Optional<SecretKey> obtain(String subjectId) {
        return keys.computeIfAbsent(subjectId, id -> {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return Optional.of(new SecretKeySpec(key, "AES"));
        });
    }

    @Override
    public synchronized KeyLookup find(String subjectId) {
        Optional<SecretKey> key = keys.get(subjectId);
        return key == null ? new KeyLookup.Unknown()
                : key.<KeyLookup>map(KeyLookup.Present::new).orElseGet(KeyLookup.Destroyed::new);
    }

    @Override
    public synchronized boolean destroy(String subjectId) {
        Optional<SecretKey> before = keys.put(subjectId, Optional.empty());
        return before == null || before.isPresent();
    }
}
