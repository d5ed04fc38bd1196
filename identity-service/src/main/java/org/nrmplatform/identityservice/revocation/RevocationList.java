package org.nrmplatform.identityservice.revocation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nrmplatform.contracts.identity.Revocations;
import org.nrmplatform.accesstokens.RevocationSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The tokens identity-service has revoked ({@value #TOKENS}, written by the revocation endpoint) and the accounts
 * and clients whose earlier tokens are void ({@value #HOLDERS}, a projection of their events). Every instance
 * reads both from the store at most twice a second; this service checks its own API's tokens against them, and
 * publishes them to the gateway and the other services at {@link Revocations#PATH}.
 */
@Component
public class RevocationList implements RevocationSource {

    static final String TOKENS = "revoked_tokens";
    static final String HOLDERS = "voided_token_holders";
    /** The longest a token lives (nrm.identity.token-lifetime is at most 15 minutes): older voids are moot. */
    private static final Duration LONGEST_TOKEN = Duration.ofMinutes(15);
    private static final Duration CACHE = Duration.ofMillis(500);

    enum Holder {
        USER,
        CLIENT
    }

    record RevokedToken(@Id String jti, String clientId, Instant until, Instant revokedAt) {
    }

    record VoidedHolder(@Id String id, Holder kind, String holder, Instant voidBefore) {
    }

    private record Loaded(Revocations revocations, Instant at) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private volatile Loaded loaded;

    RevocationList(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The token is refused from now on, until it expires anyway. */
    public void revokeToken(String jti, String clientId, Instant until) {
        mongo.upsert(query(where("_id").is(jti)), new Update().set("clientId", clientId).set("until", until)
                .setOnInsert("revokedAt", clock.instant()), TOKENS);
        loaded = null;
    }

    /** Tokens of the holder issued before the instant are refused (a later void wins). */
    void voidTokensOf(Holder kind, String holder, Instant before) {
        mongo.upsert(query(where("_id").is(kind + ":" + holder)), new Update().set("kind", kind).set("holder", holder)
                .max("voidBefore", before), HOLDERS);
        loaded = null;
    }

    void forgetVoidedHolders() {
        mongo.dropCollection(HOLDERS);
        loaded = null;
    }

    @Override
    public Optional<Revocations> current() {
        Loaded known = loaded;
        Instant now = clock.instant();
        if (known == null || known.at().isBefore(now.minus(CACHE))) {
            known = new Loaded(load(now), now);
            loaded = known;
        }
        return Optional.of(known.revocations());
    }

    private Revocations load(Instant now) {
        Map<String, Instant> tokens = new HashMap<>();
        mongo.find(query(where("until").gt(now)), RevokedToken.class, TOKENS)
                .forEach(token -> tokens.put(token.jti(), token.until()));
        Map<String, Instant> users = new HashMap<>();
        Map<String, Instant> clients = new HashMap<>();
        mongo.find(query(where("voidBefore").gt(now.minus(LONGEST_TOKEN))), VoidedHolder.class, HOLDERS)
                .forEach(voided -> (voided.kind() == Holder.USER ? users : clients)
                        .put(voided.holder(), voided.voidBefore()));
        return new Revocations(tokens, users, clients);
    }
}
