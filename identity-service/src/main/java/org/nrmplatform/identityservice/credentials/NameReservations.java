package org.nrmplatform.identityservice.credentials;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.identityservice.IdempotentCreation;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Usernames and client ids are unique across every instance: a name is reserved for its holder (by
 * inserting it as the {@code _id} of {@value #COLLECTION}, which the store keeps unique) before the
 * creating command is sent, and released if the creation fails. Names stay reserved after deactivation,
 * so that a name in the audit trail always means one account or client.
 */
@Component
public class NameReservations {

    static final String COLLECTION = "name_reservations";
    /** A reservation whose holder was never created after this long was left by a crash; it may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    public enum Kind {
        USERNAME("username"),
        CLIENT_ID("client id");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    public enum Outcome {
        /** Reserved by this call. */
        RESERVED,
        /** The same holder reserved it before (a repeated creation). */
        HELD_ALREADY
    }

    record Reservation(@Id String id, Kind kind, String name, String holder, Instant reservedAt) {
    }

    private final MongoTemplate mongo;
    private final IdempotentCreation creation;
    private final Clock clock;

    NameReservations(MongoTemplate mongo, IdempotentCreation creation, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.creation = creation;
    }

    /** Reserves the name for the holder, or refuses with 409 when another holder has it. */
    public Outcome reserve(Kind kind, String name, UUID holder) {
        String key = key(kind, name);
        try {
            mongo.insert(new Reservation(key, kind, name, holder.toString(), clock.instant()), COLLECTION);
            return Outcome.RESERVED;
        } catch (DuplicateKeyException taken) {
            Reservation existing = mongo.findById(key, Reservation.class, COLLECTION);
            if (existing != null && existing.holder().equals(holder.toString())) {
                return Outcome.HELD_ALREADY;
            }
            if (existing != null && abandoned(existing) && takeOver(existing, holder)) {
                return Outcome.RESERVED;
            }
            throw RuleViolation.stateDoesNotAllow("the " + kind.label + " '" + name + "' is already taken");
        }
    }

    /** Gives the name up, if the holder still has it. */
    public void release(Kind kind, String name, UUID holder) {
        mongo.remove(query(where("_id").is(key(kind, name)).and("holder").is(holder.toString())), COLLECTION);
    }

    /** Who holds the name: the way from a client id to its client's aggregate, consistent the moment it is reserved. */
    public Optional<UUID> holder(Kind kind, String name) {
        return Optional.ofNullable(mongo.findById(key(kind, name), Reservation.class, COLLECTION))
                .map(reservation -> UUID.fromString(reservation.holder()));
    }

    private boolean abandoned(Reservation reservation) {
        return reservation.reservedAt().isBefore(clock.instant().minus(ABANDONED_AFTER))
                && !creation.exists(UUID.fromString(reservation.holder()));
    }

    private boolean takeOver(Reservation abandoned, UUID holder) {
        return mongo.updateFirst(query(where("_id").is(abandoned.id()).and("holder").is(abandoned.holder())),
                new Update().set("holder", holder.toString()).set("reservedAt", clock.instant()),
                COLLECTION).getModifiedCount() == 1;
    }

    private static String key(Kind kind, String name) {
        return kind.name().toLowerCase() + ":" + name;
    }
}
