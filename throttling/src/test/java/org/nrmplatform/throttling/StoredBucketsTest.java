package org.nrmplatform.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two managers over one collection stand for two instances (or one before and after a restart). */
class StoredBucketsTest {

    private static MongoServer server;
    private static MongoClient client;
    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        executor = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
        client.close();
        server.shutdownNow();
    }

    private static MongoCollection<Document> collection(String name) {
        return client.getDatabase("throttling_test").getCollection(name);
    }

    private static StoredBuckets instance(String collection) {
        return new StoredBuckets(collection(collection), executor, Duration.ofHours(1));
    }

    private static final BucketConfiguration FIVE_AN_HOUR = new Limit(5, Duration.ofHours(1)).bucket();

    @Test
    void aSecondInstanceDrawsFromTheBucketTheFirstEmptied() {
        StoredBuckets first = instance("shared");
        StoredBuckets second = instance("shared");
        for (int i = 0; i < 5; i++) {
            assertThat(first.getProxy("client-a", () -> FIVE_AN_HOUR).tryConsume(1)).isTrue();
        }
        ConsumptionProbe refused = second.getProxy("client-a", () -> FIVE_AN_HOUR).tryConsumeAndReturnRemaining(1);
        assertThat(refused.isConsumed()).isFalse();
        // a refill of one request takes a fifth of the hour
        assertThat(Duration.ofNanos(refused.getNanosToWaitForRefill())).isBetween(Duration.ofMinutes(11),
                Duration.ofMinutes(12));
        assertThat(second.getProxy("client-b", () -> FIVE_AN_HOUR).tryConsume(1)).isTrue();
        assertThat(collection("shared").countDocuments()).isEqualTo(2);
    }

    @Test
    void theAsynchronousVariantSharesTheSameBuckets() throws Exception {
        StoredBuckets blocking = instance("mixed");
        StoredBuckets reactive = instance("mixed");
        for (int i = 0; i < 4; i++) {
            assertThat(blocking.getProxy("address", () -> FIVE_AN_HOUR).tryConsume(1)).isTrue();
        }
        var proxy = reactive.asAsync().getProxy("address",
                () -> java.util.concurrent.CompletableFuture.completedFuture(FIVE_AN_HOUR));
        assertThat(proxy.tryConsume(1).get()).isTrue();
        assertThat(proxy.tryConsume(1).get()).isFalse();
    }

    @Test
    void concurrentInstancesNeverHandOutMoreThanTheLimit() throws Exception {
        BucketConfiguration fifty = new Limit(50, Duration.ofHours(1)).bucket();
        List<StoredBuckets> instances = List.of(instance("race"), instance("race"));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                StoredBuckets at = instances.get(t % 2);
                work.add(() -> {
                    int granted = 0;
                    for (int i = 0; i < 30; i++) {
                        granted += at.getProxy("busy", () -> fifty).tryConsume(1) ? 1 : 0;
                    }
                    return granted;
                });
            }
            int granted = 0;
            for (Future<Integer> done : callers.invokeAll(work)) {
                granted += done.get();
            }
            assertThat(granted).isEqualTo(50);
        } finally {
            callers.shutdownNow();
        }
    }
}
