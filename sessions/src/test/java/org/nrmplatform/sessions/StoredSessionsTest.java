package org.nrmplatform.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Sessions kept in the store as two instances of a service see them, each with its own repository on one store.
 */
class StoredSessionsTest {

    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);
    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private StoredSessions first;
    private StoredSessions second;

    @BeforeEach
    void twoInstancesOnOneStore() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "sessions_test");
        first = new StoredSessions(mongo, "sessions", LIMIT, clock);
        second = new StoredSessions(mongo, "sessions", LIMIT, clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aSessionSavedByOneInstanceIsReadByTheOther() {
        StoredSession session = first.createSession();
        session.setAttribute("org.springframework.security.web.csrf.CSRF_TOKEN", "token-1");
        session.setAttribute("SPRING_SECURITY_SAVED_REQUEST", List.of("/oauth2/authorize", "state=xyz"));
        first.save(session);

        StoredSession read = second.findById(session.getId());

        assertThat(read).isNotNull();
        assertThat((String) read.getAttribute("org.springframework.security.web.csrf.CSRF_TOKEN")).isEqualTo("token-1");
        assertThat((List<String>) read.getAttribute("SPRING_SECURITY_SAVED_REQUEST"))
                .containsExactly("/oauth2/authorize", "state=xyz");
        assertThat(read.getCreationTime()).isEqualTo(session.getCreationTime());
        assertThat(read.getMaxInactiveInterval()).isEqualTo(LIMIT);
    }

    @Test
    void twoRequestsChangingDifferentAttributesKeepBoth() {
        StoredSession session = first.createSession();
        first.save(session);
        StoredSession atFirst = first.findById(session.getId());
        StoredSession atSecond = second.findById(session.getId());

        atFirst.setAttribute("a", "from the first");
        atSecond.setAttribute("b", "from the second");
        first.save(atFirst);
        second.save(atSecond);

        StoredSession both = first.findById(session.getId());
        assertThat((String) both.getAttribute("a")).isEqualTo("from the first");
        assertThat((String) both.getAttribute("b")).isEqualTo("from the second");

        both.removeAttribute("a");
        first.save(both);
        assertThat(second.findById(session.getId()).getAttributeNames()).containsExactly("b");
    }

    @Test
    void aNewIdAtSignInLeavesNothingUnderTheOldOne() {
        StoredSession session = first.createSession();
        session.setAttribute("a", "kept");
        first.save(session);
        String before = session.getId();

        StoredSession read = second.findById(before);
        String after = read.changeSessionId();
        second.save(read);

        assertThat(first.findById(before)).as("the id an attacker may have planted opens nothing").isNull();
        assertThat((String) first.findById(after).getAttribute("a")).isEqualTo("kept");
    }

    @Test
    void aRequestWritesTheTimeOfAccessOnlyOnceItMovedByAMinute() {
        StoredSession session = first.createSession();
        first.save(session);
        Instant stored = storedLastAccess(session.getId());

        StoredSession soon = second.findById(session.getId());
        soon.setLastAccessedTime(stored.plusSeconds(20));
        second.save(soon);
        assertThat(storedLastAccess(session.getId())).as("20 s later: nothing written").isEqualTo(stored);

        StoredSession later = second.findById(session.getId());
        later.setLastAccessedTime(stored.plusSeconds(90));
        second.save(later);
        assertThat(storedLastAccess(session.getId())).isEqualTo(stored.plusSeconds(90));
    }

    @Test
    void aSessionPastItsLimitIsRefusedAndRemoved() {
        StoredSession idle = first.createSession();
        first.save(idle);
        StoredSession active = first.createSession();
        first.save(active);

        StoredSessions later = new StoredSessions(mongo, "sessions", LIMIT, Clock.offset(clock, LIMIT.plusSeconds(1)));
        assertThat(later.findById(idle.getId())).isNull();
        assertThat(mongo.getCollection("sessions").countDocuments()).as("the idle one removed on reading it")
                .isEqualTo(1);

        later.createSession(); // sweeps the rest
        assertThat(mongo.getCollection("sessions").countDocuments()).isZero();
    }

    @Test
    void aSessionWithAnAttributeThisVersionCannotReadEnds() {
        StoredSession session = first.createSession();
        session.setAttribute("a", "readable");
        first.save(session);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(session.getId())),
                new Update().set("attributes.YQ", new Binary(new byte[] {1, 2, 3})), "sessions");

        assertThat(second.findById(session.getId())).isNull();
        assertThat(mongo.getCollection("sessions").countDocuments()).isZero();
    }

    private Instant storedLastAccess(String id) {
        Document stored = mongo.getCollection("sessions").find(new Document("_id", id)).first();
        return stored.getDate("lastAccess").toInstant();
    }

}
