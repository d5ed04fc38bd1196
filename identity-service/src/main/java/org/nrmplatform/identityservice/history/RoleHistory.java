package org.nrmplatform.identityservice.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientDeactivated;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientLocked;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientUnlocked;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRoleGranted;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRoleRevoked;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleGranted;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleRevoked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountDeactivated;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountLocked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountUnlocked;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Which roles an account or client held at any past instant, read from its own events in the event store
 * (from sequence 0, never a snapshot or a view), with when each was granted and by whom.
 */
@Component
public class RoleHistory {

    public enum Holder {
        USER,
        CLIENT
    }

    /** The question: the role changes of one account or client. */
    public record Query(UUID holderId, Holder holder) {
    }

    /**
     * One change, with the actor recorded in the event's metadata (absent for seeded demo data and for a lock,
     * which the sign-in throttle records); {@code note} says what a lock or its lifting was about.
     */
    public record Change(Instant at, String kind, List<Role> roles, Map<String, Object> by, String note) {
    }

    /** @param roles     role codes effectively held: none while the account or client is deactivated
     *  @param held      each role held, since when and granted by whom */
    public record RolesAt(UUID holderId, UUID organisationId, Instant at, boolean active, List<String> roles,
                          List<Holding> held, Instant deactivatedAt) {
    }

    public record Holding(String role, Instant since, Map<String, Object> grantedBy) {
    }

    /** The answer: every role change in order; empty when there is no such account or client. */
    public record Timeline(UUID holderId, UUID organisationId, List<Change> changes) {

        public boolean exists() {
            return !changes.isEmpty();
        }

        /** The roles held at the instant; refused for an instant in the future or before the holder existed. */
        public RolesAt at(Instant at, Instant now) {
            if (at.isAfter(now)) {
                throw RuleViolation.ruleNotMet("at", "'" + at + "' is in the future; roles are known up to now");
            }
            Instant created = changes.get(0).at();
            if (at.isBefore(created)) {
                throw RuleViolation.ruleNotMet("at", "the holder did not exist yet at " + at + "; it was created at "
                        + created);
            }
            Map<Role, Holding> held = new EnumMap<>(Role.class);
            Instant deactivatedAt = null;
            for (Change change : changes) {
                if (change.at().isAfter(at)) {
                    break;
                }
                switch (change.kind()) {
                    case CREATED, GRANTED -> change.roles().forEach(role ->
                            held.put(role, new Holding(role.code(), change.at(), change.by())));
                    case REVOKED -> change.roles().forEach(held::remove);
                    case DEACTIVATED -> deactivatedAt = change.at();
                    case LOCKED, UNLOCKED -> { } // a lock stops sign-ins, not the roles held
                    default -> throw new IllegalStateException("unknown change " + change.kind());
                }
            }
            boolean active = deactivatedAt == null;
            List<Holding> holdings = List.copyOf(held.values());
            return new RolesAt(holderId, organisationId, at, active,
                    active ? holdings.stream().map(Holding::role).toList() : List.of(), holdings, deactivatedAt);
        }
    }

    static final String CREATED = "CREATED";
    static final String GRANTED = "GRANTED";
    static final String REVOKED = "REVOKED";
    static final String DEACTIVATED = "DEACTIVATED";
    static final String LOCKED = "LOCKED";
    static final String UNLOCKED = "UNLOCKED";
    private static final List<String> ACTOR_KEYS = List.of(Actor.USER_ID, Actor.CLIENT_ID, Actor.ORGANISATION_ID);

    private final EventStorageEngine events;

    RoleHistory(EventStorageEngine events) {
        this.events = events;
    }

    @QueryHandler
    public Timeline handle(Query query) {
        DomainEventStream stream = events.readEvents(query.holderId().toString(), 0);
        List<Change> changes = new ArrayList<>();
        UUID organisationId = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Object payload = event.getPayload();
            if (changes.isEmpty()) {
                if (payload instanceof UserAccountCreated created && query.holder() == Holder.USER) {
                    organisationId = created.organisationId();
                } else if (payload instanceof ApiClientRegistered registered && query.holder() == Holder.CLIENT) {
                    organisationId = registered.organisationId();
                }
                if (organisationId == null) {
                    return new Timeline(query.holderId(), null, List.of()); // some other kind of record
                }
            }
            Change change = change(payload, event.getTimestamp(), actor(event.getMetaData()));
            if (change != null) {
                changes.add(change);
            }
        }
        return new Timeline(query.holderId(), organisationId, List.copyOf(changes));
    }

    private static Change change(Object payload, Instant at, Map<String, Object> by) {
        if (payload instanceof UserAccountCreated e) {
            return new Change(at, CREATED, e.roles(), by, null);
        } else if (payload instanceof RoleGranted e) {
            return new Change(at, GRANTED, List.of(e.role()), by, null);
        } else if (payload instanceof RoleRevoked e) {
            return new Change(at, REVOKED, List.of(e.role()), by, null);
        } else if (payload instanceof UserAccountDeactivated e) {
            return new Change(at, DEACTIVATED, List.of(), by, e.reason());
        } else if (payload instanceof UserAccountLocked e) {
            return new Change(at, LOCKED, List.of(), by, locked(e.failedSignIns(), e.lockedUntil()));
        } else if (payload instanceof UserAccountUnlocked e) {
            return new Change(at, UNLOCKED, List.of(), by, e.reason());
        } else if (payload instanceof ApiClientRegistered e) {
            return new Change(at, CREATED, e.roles(), by, null);
        } else if (payload instanceof ApiClientRoleGranted e) {
            return new Change(at, GRANTED, List.of(e.role()), by, null);
        } else if (payload instanceof ApiClientRoleRevoked e) {
            return new Change(at, REVOKED, List.of(e.role()), by, null);
        } else if (payload instanceof ApiClientDeactivated e) {
            return new Change(at, DEACTIVATED, List.of(), by, e.reason());
        } else if (payload instanceof ApiClientLocked e) {
            return new Change(at, LOCKED, List.of(), by, locked(e.failedSignIns(), e.lockedUntil()));
        } else if (payload instanceof ApiClientUnlocked e) {
            return new Change(at, UNLOCKED, List.of(), by, e.reason());
        }
        return null;
    }

    private static String locked(int failures, Instant until) {
        return failures + " failed sign-ins in a row; locked until " + until;
    }

    private static Map<String, Object> actor(Map<String, ?> metadata) {
        Map<String, Object> actor = new LinkedHashMap<>();
        ACTOR_KEYS.forEach(key -> {
            Object value = metadata.get(key);
            if (value != null) {
                actor.put(key, value);
            }
        });
        return actor;
    }
}
