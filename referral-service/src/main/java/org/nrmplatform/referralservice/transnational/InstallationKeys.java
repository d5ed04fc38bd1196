package org.nrmplatform.referralservice.transnational;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The installation's Ed25519 packet-signing key, kept in {@value #COLLECTION}: created on first start and
 * the same for every instance and across restarts, since peers trust it by its key id. One document with a
 * fixed id, so instances starting together agree on one key (the first insert wins).
 */
final class InstallationKeys {

    static final String COLLECTION = "installation_keys";
    static final String SIGNING = "signing";
    private static final Logger log = LoggerFactory.getLogger(InstallationKeys.class);

    /** Keys encoded base64: public as X.509 SubjectPublicKeyInfo, private as PKCS#8. */
    record StoredKey(@Id String id, String keyId, Instant created, String publicKey, String privateKey) {
    }

    record SigningKey(String keyId, KeyPair keys) {
    }

    private InstallationKeys() {
    }

    static SigningKey load(MongoTemplate mongo, Clock clock) {
        StoredKey stored = mongo.findById(SIGNING, StoredKey.class, COLLECTION);
        if (stored == null) {
            stored = create(clock);
            try {
                mongo.insert(stored, COLLECTION);
                log.info("Transnational packet signing key {} created; give its public key "
                        + "(GET /api/transnational-referrals/keys) to the peer installations", stored.keyId());
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                stored = mongo.findById(SIGNING, StoredKey.class, COLLECTION);
            }
        }
        return decode(stored);
    }

    static StoredKey create(Clock clock) {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return new StoredKey(SIGNING, UUID.randomUUID().toString(), clock.instant(),
                    base64.encodeToString(keys.getPublic().getEncoded()),
                    base64.encodeToString(keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    private static SigningKey decode(StoredKey stored) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            Base64.Decoder base64 = Base64.getDecoder();
            return new SigningKey(stored.keyId(), new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(base64.decode(stored.publicKey()))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(stored.privateKey())))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored installation key in " + COLLECTION + " is unreadable", e);
        }
    }
}
