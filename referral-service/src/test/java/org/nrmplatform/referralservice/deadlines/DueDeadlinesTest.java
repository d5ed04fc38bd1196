package org.nrmplatform.referralservice.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Claims on the deadline collection: due ones only, each by exactly one of several racing instances. */
class DueDeadlinesTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private com.mongodb.client.MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void store() {
        client = MongoClients.create(EmbeddedStore.uri());
        mongo = new MongoTemplate(client, "deadlines_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void closeStore() {
        client.close();
    }

    private void pending(String id, Instant dueAt) {
        mongo.insert(new Deadline(id, dueAt, Deadline.State.PENDING, null, null, null, null, null, null, null), Deadline.COLLECTION);
    }

    @Test
    void onlyDueDeadlinesAreClaimedEarliestFirst() {
        Instant now = Instant.now();
        pending("later", now.plusSeconds(60));
        pending("due", now.minusSeconds(1));
        pending("overdue", now.minusSeconds(10));
        DueDeadlines instance = new DueDeadlines(mongo, "a", LEASE);
        assertThat(instance.claim(now).map(Deadline::id)).contains("overdue");
        assertThat(instance.claim(now).map(Deadline::id)).contains("due");
        assertThat(instance.claim(now)).isEmpty();
    }

    @Test
    void aClaimWhoseOwnerDiedLapsesWithItsLease() {
        Instant now = Instant.now();
        pending("d", now.minusSeconds(1));
        DueDeadlines dead = new DueDeadlines(mongo, "dead", LEASE);
        DueDeadlines alive = new DueDeadlines(mongo, "alive", LEASE);
        Deadline claimed = dead.claim(now).orElseThrow();
        assertThat(alive.claim(now.plusSeconds(5))).as("still leased").isEmpty();
        Deadline reclaimed = alive.claim(now.plus(LEASE).plusSeconds(1)).orElseThrow();
        assertThat(dead.fired(claimed, now)).as("the lapsed owner cannot mark it fired").isFalse();
        assertThat(alive.fired(reclaimed, now)).isTrue();
        assertThat(alive.claim(now.plus(LEASE.multipliedBy(3)))).as("done for good").isEmpty();
    }

    @Test
    void twoInstancesRacingClaimEachDeadlineExactlyOnce() throws Exception {
        Instant now = Instant.now();
        int count = 200;
        for (int i = 0; i < count; i++) {
            pending("d" + i, now.minusMillis(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<List<String>>> instances = new ArrayList<>();
        for (String owner : List.of("instance-1", "instance-2")) {
            DueDeadlines deadlines = new DueDeadlines(mongo, owner, LEASE);
            instances.add(() -> {
                List<String> fired = new ArrayList<>();
                Optional<Deadline> due;
                while ((due = deadlines.claim(now)).isPresent()) {
                    if (deadlines.fired(due.get(), now)) {
                        fired.add(due.get().id());
                    }
                }
                return fired;
            });
        }
        List<String> all = new ArrayList<>();
        List<Integer> perInstance = new ArrayList<>();
        for (Future<List<String>> result : pool.invokeAll(instances)) {
            all.addAll(result.get());
            perInstance.add(result.get().size());
        }
        pool.shutdown();
        assertThat(all).hasSize(count).doesNotHaveDuplicates();
        System.out.println("deadlines fired per racing instance: " + perInstance);
    }
}
