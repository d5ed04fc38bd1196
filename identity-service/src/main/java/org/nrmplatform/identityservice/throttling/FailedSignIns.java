package org.nrmplatform.identityservice.throttling;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins in a row per client id or user name, in identity-service's database ({@value #COLLECTION}),
 * so that every instance sees them and a restart forgets none: the back-off each failure adds and the lock the
 * last one sets. A success or an administrator's lifting forgets them.
 */
@Component
public class FailedSignIns {

    static final String COLLECTION = "sign_in_failures";

    /** Why a name must wait: its back-off after failures, or its lock. */
    enum Hold {
        BACKOFF,
        LOCKED
    }

    record Wait(Hold hold, Duration duration) {
    }

    /** @param name {@code client:<client id>} or {@code user:<user name>} */
    record Failures(@Id String name, int failures, Instant lastFailureAt, Instant blockedUntil, Instant lockedUntil) {
    }

    private final MongoTemplate mongo;
    private final ThrottlingProperties properties;
    private final Clock clock;

    FailedSignIns(MongoTemplate mongo, ThrottlingProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    public static String client(String clientId) {
        return "client:" + clientId;
    }

    public static String user(String username) {
        return "user:" + username;
    }

    /** How long the name must still wait, if at all. */
    Optional<Wait> waitFor(String name) {
        Failures found = mongo.findById(name, Failures.class, COLLECTION);
        Instant now = clock.instant();
        if (found == null) {
            return Optional.empty();
        }
        if (found.lockedUntil() != null && found.lockedUntil().isAfter(now)) {
            return Optional.of(new Wait(Hold.LOCKED, Duration.between(now, found.lockedUntil())));
        }
        if (found.blockedUntil() != null && found.blockedUntil().isAfter(now)) {
            return Optional.of(new Wait(Hold.BACKOFF, Duration.between(now, found.blockedUntil())));
        }
        return Optional.empty();
    }

    /**
     * Counts one more failure and sets the back-off it earns.
     *
     * @return the failures in a row, this one included
     */
    int failed(String name) {
        Instant now = clock.instant();
        Failures before = mongo.findById(name, Failures.class, COLLECTION);
        boolean forgotten = before == null || before.lastFailureAt() == null
                || before.lastFailureAt().isBefore(now.minus(properties.failuresForgottenAfter()));
        Update update = forgotten ? new Update().set("failures", 1) : new Update().inc("failures", 1);
        Failures after = mongo.findAndModify(query(where("_id").is(name)), update.set("lastFailureAt", now),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Failures.class, COLLECTION);
        Duration backoff = properties.backoffAfter(after.failures());
        if (!backoff.isZero()) {
            mongo.updateFirst(query(where("_id").is(name)), new Update().set("blockedUntil", now.plus(backoff)),
                    COLLECTION);
        }
        return after.failures();
    }

    /** Locks the name until the instant (the caller has recorded the lock as an event). */
    void lock(String name, Instant until) {
        mongo.updateFirst(query(where("_id").is(name)), new Update().set("lockedUntil", until), COLLECTION);
    }

    /** A success, or an administrator lifting a lock: the name starts afresh. */
    public void forget(String name) {
        mongo.remove(query(where("_id").is(name)), COLLECTION);
    }
}
