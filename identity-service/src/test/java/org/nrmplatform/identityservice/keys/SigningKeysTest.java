package org.nrmplatform.identityservice.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Key rotation, retention and sealing against the embedded store, with a clock the test moves. */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeysTest {

    private static final Duration RETENTION = Duration.ofHours(1);
    private static final JWKSelector ALL = new JWKSelector(new JWKMatcher.Builder().build());

    private MongoClient client;
    private MongoTemplate mongo;
    private Instant now = Instant.parse("2026-03-01T08:00:00Z");

    @BeforeEach
    void store() {
        client = MongoClients.create(EmbeddedStore.uri());
        mongo = new MongoTemplate(client, "keys_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private final String keyEncryptionKey = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private SigningKeys keys() {
        return keys(new KeyEncryption(keyEncryptionKey));
    }

    private SigningKeys keys(KeyEncryption encryption) {
        return new SigningKeys(mongo, RETENTION, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        }, encryption);
    }

    @Test
    void theFirstStartCreatesAKeyThatLaterStartsKeepUsing() {
        SigningKeys first = keys();
        String kid = signingKid(first);
        assertThat(kids(first)).containsExactly(kid);
        assertThat(signingKid(keys())).isEqualTo(kid);
        assertThat(mongo.getCollection(SigningKeys.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void aRotatedKeySignsAndTheOldOneStaysPublishedForTheRetentionThenIsRetired() {
        SigningKeys keys = keys();
        String old = signingKid(keys);
        now = now.plus(Duration.ofMinutes(5));
        SigningKeys.KeySummary rotated = keys.rotate();
        assertThat(rotated.signing()).isTrue();
        assertThat(signingKid(keys)).isEqualTo(rotated.kid());
        assertThat(kids(keys)).containsExactlyInAnyOrder(old, rotated.kid());
        SigningKeys.KeySummary previous = keys.list().stream().filter(key -> key.kid().equals(old)).findFirst()
                .orElseThrow();
        assertThat(previous.publishedUntil()).isEqualTo(now.plus(RETENTION));

        now = now.plus(RETENTION).minusSeconds(1);
        assertThat(kids(keys())).containsExactlyInAnyOrder(old, rotated.kid());
        now = now.plusSeconds(1);
        SigningKeys later = keys();
        assertThat(kids(later)).containsExactly(rotated.kid());
        assertThat(later.list()).filteredOn(key -> key.kid().equals(old))
                .singleElement().extracting(SigningKeys.KeySummary::status).isEqualTo(SigningKeys.Status.RETIRED);
    }

    @Test
    void aCompromisedKeyIsRetiredAtOnceButOnlyAfterARotation() {
        SigningKeys keys = keys();
        String compromised = signingKid(keys);
        assertThatThrownBy(() -> keys.retire(compromised)).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.STATE_DOES_NOT_ALLOW));
        now = now.plusSeconds(60);
        String fresh = keys.rotate().kid();
        assertThat(keys.retire(compromised).status()).isEqualTo(SigningKeys.Status.RETIRED);
        assertThat(kids(keys)).containsExactly(fresh);
        assertThat(kids(keys())).containsExactly(fresh);
    }

    @Test
    void thePrivateKeysAreStoredSealedAndReadBackOnlyWithTheKeyEncryptionKey() {
        byte[] master = Base64.getDecoder().decode(keyEncryptionKey);
        String kid = signingKid(keys());
        Document stored = mongo.getCollection(SigningKeys.COLLECTION).find().first();
        assertThat(stored.getString("jwk")).startsWith(KeyEncryption.SEALED).doesNotContain("\"d\"");
        assertThat(signingKid(keys())).isEqualTo(kid);
        assertThatThrownBy(() -> keys(new KeyEncryption(null))).hasMessageContaining("key-encryption-key");
        byte[] other = master.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> keys(new KeyEncryption(Base64.getEncoder().encodeToString(other))))
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void keysAnEarlierVersionStoredInClearAreSealedAtTheFirstStartWithAKeyAndTheLogSaysSo(CapturedOutput log)
            throws Exception {
        RSAKey clear = new RSAKeyGenerator(2048).keyID("clear-kid").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        mongo.getCollection(SigningKeys.COLLECTION).insertOne(new Document("_id", "clear-kid")
                .append("createdAt", Date.from(now)).append("status", "ACTIVE").append("jwk", clear.toJSONString()));

        SigningKeys keys = keys();

        assertThat(signingKid(keys)).as("the same key goes on signing, now sealed").isEqualTo("clear-kid");
        assertThat(mongo.getCollection(SigningKeys.COLLECTION).countDocuments()).isEqualTo(1);
        String stored = mongo.getCollection(SigningKeys.COLLECTION).find().first().getString("jwk");
        assertThat(stored).startsWith(KeyEncryption.SEALED).doesNotContain(clear.getPrivateExponent().toString());
        assertThat(log.getOut() + log.getErr()).contains("stored in clear").contains("clear-kid")
                .contains("sealed them with the key-encryption key");
        assertThat(signingKid(keys())).isEqualTo("clear-kid");
    }

    private static String signingKid(SigningKeys keys) {
        try {
            List<JWK> signing = keys.signingKey().get(ALL, null);
            assertThat(signing).hasSize(1);
            assertThat(signing.get(0).isPrivate()).isTrue();
            return signing.get(0).getKeyID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> kids(SigningKeys keys) {
        return keys.get(ALL, null).stream().map(JWK::getKeyID).toList();
    }
}
