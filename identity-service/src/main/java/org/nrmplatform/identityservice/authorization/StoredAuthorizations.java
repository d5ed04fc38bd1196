package org.nrmplatform.identityservice.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only the authorizations still waiting for their code to be exchanged (for minutes), and forgets an
 * authorization as soon as its access token is issued, except the web application's, whose refresh token is
 * kept until it expires. Access tokens are self-contained JWTs that services verify themselves and only the web
 * application gets refresh tokens, so nothing else needs an issued token again, and client-credentials traffic
 * writes nothing here. A code presented a second time is then unknown and refused.
 *
 * <p>In the store, so that a code issued by one instance is exchanged at another, a web sign-in's refresh token
 * works at any instance, and a restart ends nobody's sign-in. The state, code and refresh token are looked up by
 * their SHA-256 only: what the store holds cannot be presented as a code or a refresh token. The authorization
 * itself is Java-serialized (it is Spring's own, made to be).
 */
class StoredAuthorizations implements OAuth2AuthorizationService {

    static final String COLLECTION = "pending_authorizations";
    /** How long an authorization waiting for the person's consent, or its code, is kept at most. */
    private static final Duration PENDING = Duration.ofMinutes(10);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final String STATE = "state";
    private static final String CODE = "code";
    private static final String REFRESH = "refreshToken";
    private static final String EXPIRES = "expiresAt";
    private static final String VALUE = "authorization";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SerializingConverter serializer = new SerializingConverter();
    private final DeserializingConverter deserializer =
            new DeserializingConverter(StoredAuthorizations.class.getClassLoader());
    private volatile Instant nextSweep = Instant.MIN;

    StoredAuthorizations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        sweepNowAndThen();
        if (authorization.getAccessToken() != null && !refreshable(authorization)) {
            remove(authorization);
            return;
        }
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        Instant expires = clock.instant().plus(PENDING);
        if (refresh != null && refresh.getToken().getExpiresAt() != null) {
            expires = refresh.getToken().getExpiresAt();
        }
        mongo.save(new Document("_id", authorization.getId())
                .append(STATE, digest(authorization.getAttribute(OAuth2ParameterNames.STATE)))
                .append(CODE, code == null ? null : digest(code.getToken().getTokenValue()))
                .append(REFRESH, refresh == null ? null : digest(refresh.getToken().getTokenValue()))
                .append(EXPIRES, Date.from(expires))
                .append(VALUE, new Binary(serializer.convert(authorization))), COLLECTION);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        mongo.remove(Query.query(Criteria.where("_id").is(authorization.getId())), COLLECTION);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return read(Query.query(Criteria.where("_id").is(id)));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        String digest = digest(token);
        List<Criteria> fields = new ArrayList<>();
        if (tokenType == null || OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
            fields.add(Criteria.where(STATE).is(digest));
        }
        if (tokenType == null || OAuth2ParameterNames.CODE.equals(tokenType.getValue())) {
            fields.add(Criteria.where(CODE).is(digest));
        }
        if (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            fields.add(Criteria.where(REFRESH).is(digest));
        }
        if (fields.isEmpty()) {
            return null; // access tokens are not kept (see above)
        }
        return read(Query.query(fields.size() == 1 ? fields.get(0) : new Criteria().orOperator(fields)));
    }

    private OAuth2Authorization read(Query query) {
        Document stored = mongo.findOne(query.addCriteria(Criteria.where(EXPIRES).gt(Date.from(clock.instant()))),
                Document.class, COLLECTION);
        return stored == null ? null
                : (OAuth2Authorization) deserializer.convert(stored.get(VALUE, Binary.class).getData());
    }

    private void sweepNowAndThen() {
        Instant now = clock.instant();
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plus(SWEEP_EVERY);
            mongo.remove(Query.query(Criteria.where(EXPIRES).lt(Date.from(now))), COLLECTION);
        }
    }

    /** The web application's sign-in: kept while its refresh token may be used (RegisteredClients). */
    private static boolean refreshable(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        return refresh != null && refresh.isActive();
    }

    private static String digest(String value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
