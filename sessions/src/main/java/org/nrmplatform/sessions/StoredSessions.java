package org.nrmplatform.sessions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Spring Session's repository on the platform's store: one document per session, each attribute Java-serialized
 * as Spring Session's JDBC repository does (the values are Spring Security's own: a security context, a saved
 * request, a CSRF token, a person's authorized client). Any instance of a service reads the session another
 * wrote, and a restart keeps it.
 *
 * <p>Attribute names become field names in URL-safe Base64 (they contain dots, which a field name cannot). An
 * attribute that no longer deserializes (a class changed by an upgrade) ends the session: the person signs in
 * again. Expired sessions are refused when read and removed at most once a minute, when a session is created.
 */
public class StoredSessions implements SessionRepository<StoredSession> {

    private static final Logger log = LoggerFactory.getLogger(StoredSessions.class);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final String CREATED = "created";
    private static final String LAST_ACCESS = "lastAccess";
    private static final String MAX_INACTIVE = "maxInactiveSeconds";
    private static final String EXPIRES = "expiresAt";
    private static final String ATTRIBUTES = "attributes";

    private final MongoOperations mongo;
    private final String collection;
    private final Duration maxInactive;
    private final Clock clock;
    private final SerializingConverter serializer = new SerializingConverter();
    private final DeserializingConverter deserializer;
    private volatile Instant nextSweep = Instant.MIN;

    /**
     * @param collection  where this service keeps its sessions (in its own database)
     * @param maxInactive how long a session lasts without a request
     */
    public StoredSessions(MongoOperations mongo, String collection, Duration maxInactive, Clock clock) {
        this.mongo = mongo;
        this.collection = collection;
        this.maxInactive = maxInactive;
        this.clock = clock;
        this.deserializer = new DeserializingConverter(StoredSessions.class.getClassLoader());
    }

    @Override
    public StoredSession createSession() {
        sweepNowAndThen();
        MapSession values = new MapSession(UUID.randomUUID().toString());
        values.setCreationTime(clock.instant());
        values.setLastAccessedTime(values.getCreationTime());
        values.setMaxInactiveInterval(maxInactive);
        return new StoredSession(values, false);
    }

    @Override
    public void save(StoredSession session) {
        if (session.storedWhole()) {
            if (session.storedId() != null) {
                deleteById(session.storedId());
            }
            mongo.save(whole(session), collection);
        } else {
            Update update = new Update();
            for (String name : session.changedAttributes()) {
                Object value = session.getAttribute(name);
                String field = ATTRIBUTES + "." + fieldName(name);
                if (value == null) {
                    update.unset(field);
                } else {
                    update.set(field, new Binary(serializer.convert(value)));
                }
            }
            if (session.lastAccessMoved()) {
                update.set(LAST_ACCESS, Date.from(session.getLastAccessedTime()))
                        .set(MAX_INACTIVE, session.getMaxInactiveInterval().toSeconds())
                        .set(EXPIRES, Date.from(session.expiresAt()));
            }
            if (update.getUpdateObject().isEmpty()) {
                return;
            }
            // a session ended meanwhile (signed out in another tab) stays ended: no upsert
            mongo.updateFirst(byId(session.getId()), update, collection);
        }
        session.saved();
    }

    @Override
    public StoredSession findById(String id) {
        Document stored = mongo.findOne(byId(id), Document.class, collection);
        if (stored == null) {
            return null;
        }
        MapSession values = new MapSession(id);
        values.setCreationTime(stored.getDate(CREATED).toInstant());
        values.setLastAccessedTime(stored.getDate(LAST_ACCESS).toInstant());
        values.setMaxInactiveInterval(Duration.ofSeconds(((Number) stored.get(MAX_INACTIVE)).longValue()));
        if (!values.getLastAccessedTime().plus(values.getMaxInactiveInterval()).isAfter(clock.instant())) {
            deleteById(id);
            return null;
        }
        Document attributes = stored.get(ATTRIBUTES, Document.class);
        try {
            for (String field : attributes.keySet()) {
                byte[] value = attributes.get(field, Binary.class).getData();
                values.setAttribute(attributeName(field), deserializer.convert(value));
            }
        } catch (RuntimeException unreadable) {
            log.warn("Session {} holds an attribute this version cannot read ({}); the session ends and its holder "
                    + "signs in again", id.substring(0, 8), unreadable.getMessage());
            deleteById(id);
            return null;
        }
        return new StoredSession(values, true);
    }

    @Override
    public void deleteById(String id) {
        mongo.remove(byId(id), collection);
    }

    /**
     * The session cookie as the platform sets it: HttpOnly, SameSite=Lax (not sent with another site's requests
     * other than following a link, so a page elsewhere cannot post with it), Secure whenever the request came
     * over TLS; named per service, since identity-service's and the web application's share one address.
     */
    public static CookieSerializer cookie(String name) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(name);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        return cookie;
    }

    /** Removes the sessions past their inactivity limit; answers how many. */
    public long removeExpired() {
        return mongo.remove(Query.query(Criteria.where(EXPIRES).lt(Date.from(clock.instant()))), collection)
                .getDeletedCount();
    }

    private void sweepNowAndThen() {
        Instant now = clock.instant();
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plus(SWEEP_EVERY);
            removeExpired();
        }
    }

    private Document whole(StoredSession session) {
        Document attributes = new Document();
        for (String name : session.getAttributeNames()) {
            attributes.put(fieldName(name), new Binary(serializer.convert(session.getAttribute(name))));
        }
        return new Document("_id", session.getId())
                .append(CREATED, Date.from(session.getCreationTime()))
                .append(LAST_ACCESS, Date.from(session.getLastAccessedTime()))
                .append(MAX_INACTIVE, session.getMaxInactiveInterval().toSeconds())
                .append(EXPIRES, Date.from(session.expiresAt()))
                .append(ATTRIBUTES, attributes);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    private static String fieldName(String attribute) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(attribute.getBytes(StandardCharsets.UTF_8));
    }

    private static String attributeName(String field) {
        return new String(Base64.getUrlDecoder().decode(field), StandardCharsets.UTF_8);
    }
}
