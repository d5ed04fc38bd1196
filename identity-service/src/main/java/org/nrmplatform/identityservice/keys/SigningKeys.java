package org.nrmplatform.identityservice.keys;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.identityservice.IdentityProperties;
import org.nrmplatform.shared.domain.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The keys that sign access tokens (RSA 2048, RS256), kept in {@value #COLLECTION} so that tokens stay
 * verifiable across restarts and every instance signs with the same key. The newest active key signs; a
 * key replaced by a newer one stays published for the key retention, so that tokens it signed can still be
 * verified, and is then retired. A compromised key can be retired at once.
 *
 * <p>The private keys are stored sealed with AES-256-GCM under {@code nrm.identity.key-encryption-key}, which is
 * required; keys that an earlier version stored in clear are sealed at start.
 *
 * <p>As a {@link JWKSource} this is the published key set: {@code /oauth2/jwks} and identity-service's own
 * token validation read it. Each instance caches the set for a few seconds, so a key another instance has just
 * created is picked up within them; a token naming an unknown key id does not make it reload (forged key ids would
 * otherwise cost a store read each).
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    static final String COLLECTION = "signing_keys";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration CACHE = Duration.ofSeconds(5);

    public enum Status {
        ACTIVE,
        RETIRED
    }

    /** One stored key: the JWK JSON includes the private key. */
    record StoredKey(@Id String id, Instant createdAt, Status status, Instant retiredAt, String jwk) {
    }

    /** A key as the API lists it: never its private part. */
    public record KeySummary(String kid, Instant createdAt, Status status, boolean signing, Instant publishedUntil,
                             Instant retiredAt) {
    }

    private record Loaded(RSAKey signing, List<RSAKey> published, List<KeySummary> summaries, Instant at) {
    }

    private final MongoTemplate mongo;
    private final Duration retention;
    private final Clock clock;
    private final KeyEncryption encryption;
    private volatile Loaded loaded;

    @Autowired
    SigningKeys(MongoTemplate mongo, IdentityProperties properties, Clock clock) {
        this(mongo, properties.keyRetention(), clock,
                new KeyEncryption(properties.keyEncryptionKey()));
    }

    SigningKeys(MongoTemplate mongo, Duration retention, Clock clock, KeyEncryption encryption) {
        this.mongo = mongo;
        this.retention = retention;
        this.clock = clock;
        this.encryption = encryption;
        sealKeysStoredInClear();
        this.loaded = load();
        if (loaded.signing() == null) {
            // first start (two instances starting together may both create one: the newer signs, both are published)
            create();
            this.loaded = load();
        }
    }

    /**
     * An installation from before the key-encryption key was required may hold its keys in clear: each is sealed
     * in place (only if it is still the clear text read, so that two instances starting together do not clash).
     */
    private void sealKeysStoredInClear() {
        List<StoredKey> clear = mongo.find(new Query(), StoredKey.class, COLLECTION).stream()
                .filter(key -> !KeyEncryption.sealed(key.jwk())).toList();
        for (StoredKey key : clear) {
            parse(key, encryption); // refuse to seal what is not a key
            mongo.updateFirst(query(where("_id").is(key.id()).and("jwk").is(key.jwk())),
                    new Update().set("jwk", encryption.seal(key.id(), key.jwk())), COLLECTION);
        }
        if (!clear.isEmpty()) {
            log.warn("{} signing key(s) were stored in clear in {} ({}); sealed them with the key-encryption key. "
                    + "Backups taken before now still hold them in clear: rotate the keys if a backup may have "
                    + "been read", clear.size(), COLLECTION, clear.stream().map(StoredKey::id).toList());
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(new JWKSet(List.copyOf(current().published())));
    }

    /** Only the key that signs new tokens, for the token encoder. */
    public JWKSource<SecurityContext> signingKey() {
        return (selector, context) -> selector.select(new JWKSet(current().signing()));
    }

    public List<KeySummary> list() {
        return reload().summaries();
    }

    /** Creates a key that signs from now on; the previous one stays published for the key retention. */
    public KeySummary rotate() {
        String kid = create();
        return reload().summaries().stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow();
    }

    /** Stops publishing a key at once (it was compromised): tokens it signed no longer verify. */
    public KeySummary retire(String kid) {
        Loaded keys = reload();
        KeySummary key = keys.summaries().stream().filter(summary -> summary.kid().equals(kid)).findFirst()
                .orElseThrow(() -> RuleViolation.ruleNotMet("kid", "no signing key " + kid));
        if (key.signing()) {
            throw RuleViolation.stateDoesNotAllow("key " + kid + " signs the tokens being issued; rotate first, then retire it");
        }
        if (key.status() == Status.ACTIVE) {
            mongo.updateFirst(query(where("_id").is(kid).and("status").is(Status.ACTIVE)),
                    new Update().set("status", Status.RETIRED).set("retiredAt", clock.instant()), COLLECTION);
            log.warn("Signing key {} retired before the end of its retention", kid);
        }
        return reload().summaries().stream().filter(summary -> summary.kid().equals(kid)).findFirst().orElseThrow();
    }

    private Loaded current() {
        Loaded keys = loaded;
        return keys.at().isBefore(clock.instant().minus(CACHE)) ? reload() : keys;
    }

    private Loaded reload() {
        Loaded keys = load();
        loaded = keys;
        return keys;
    }

    private String create() {
        Instant now = clock.instant();
        String kid = UUID.randomUUID().toString();
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(now)).generate();
            mongo.insert(new StoredKey(kid, now, Status.ACTIVE, null, encryption.seal(kid, key.toJSONString())),
                    COLLECTION);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
        log.info("Signing key {} created; it signs the tokens issued from now on", kid);
        return kid;
    }

    /** Newest first; each key is superseded when the next one was created, and retired a retention later. */
    private Loaded load() {
        Instant now = clock.instant();
        List<StoredKey> stored = mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt", "_id")),
                StoredKey.class, COLLECTION);
        RSAKey signing = null;
        List<RSAKey> published = new ArrayList<>();
        List<KeySummary> summaries = new ArrayList<>();
        Instant supersededAt = null;
        for (StoredKey key : stored) {
            Instant publishedUntil = supersededAt == null ? null : supersededAt.plus(retention);
            Status status = key.status();
            Instant retiredAt = key.retiredAt();
            if (status == Status.ACTIVE && publishedUntil != null && !now.isBefore(publishedUntil)) {
                mongo.updateFirst(query(where("_id").is(key.id()).and("status").is(Status.ACTIVE)),
                        new Update().set("status", Status.RETIRED).set("retiredAt", publishedUntil), COLLECTION);
                status = Status.RETIRED;
                retiredAt = publishedUntil;
            }
            boolean signs = false;
            if (status == Status.ACTIVE) {
                RSAKey parsed = parse(key, encryption);
                if (signing == null) {
                    signing = parsed;
                    signs = true;
                }
                published.add(parsed);
            }
            summaries.add(new KeySummary(key.id(), key.createdAt(), status, signs, publishedUntil, retiredAt));
            supersededAt = key.createdAt();
        }
        return new Loaded(signing, List.copyOf(published), List.copyOf(summaries), now);
    }

    private static RSAKey parse(StoredKey key, KeyEncryption encryption) {
        try {
            return RSAKey.parse(encryption.open(key.id(), key.jwk()));
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key " + key.id() + " is not a valid RSA JWK", e);
        }
    }
}
