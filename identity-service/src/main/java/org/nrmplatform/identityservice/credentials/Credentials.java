package org.nrmplatform.identityservice.credentials;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password and client-secret hashes, in identity-service's own database ({@value #COLLECTION}) and nowhere
 * else: events are immutable and read by every service, so a credential there could never be removed.
 * Keyed by the account's or client's aggregate id.
 */
@Component
public class Credentials {

    static final String COLLECTION = "credentials";

    public enum Kind {
        PASSWORD,
        CLIENT_SECRET
    }

    record Credential(@Id String id, Kind kind, String hash, Instant createdAt) {
    }

    private final MongoTemplate mongo;
    private final PasswordEncoder encoder;
    private final Clock clock;

    Credentials(MongoTemplate mongo, PasswordEncoder encoder, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.encoder = encoder;
    }

    /**
     * Stores the hash of a secret unless the holder has one already (a repeated creation keeps the first).
     *
     * @return whether this call stored it
     */
    public boolean storeIfAbsent(UUID holder, Kind kind, String secret) {
        Credential before = mongo.findAndModify(query(where("_id").is(holder.toString())),
                new Update().setOnInsert("kind", kind).setOnInsert("hash", encoder.encode(secret))
                        .setOnInsert("createdAt", clock.instant()),
                FindAndModifyOptions.options().upsert(true).returnNew(false), Credential.class, COLLECTION);
        return before == null;
    }

    /** The stored hash, in the encoder's {@code {id}hash} form. */
    public Optional<String> hash(UUID holder) {
        return Optional.ofNullable(mongo.findById(holder.toString(), Credential.class, COLLECTION))
                .map(Credential::hash);
    }

    public void remove(UUID holder) {
        mongo.remove(query(where("_id").is(holder.toString())), COLLECTION);
    }
}
