package org.nrmplatform.embeddedstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the store acknowledged as journaled is there after a hard kill, exactly once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WriteAheadLogTest {

    @TempDir
    Path dataDir;

    /** The store's password, as infra/nrm generates one. */
    private static final String PASSWORD = "5d41402abc4b2a76b9719d911017c592";

    /** A store in a process of its own, as infra/nrm runs it, so that it can be killed without a shutdown hook. */
    private Process startStore(int port) throws IOException, InterruptedException {
        Path log = dataDir.resolve("store-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedStore.class.getName(),
                "--port=" + port, "--data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("NRM_STORE_PASSWORD", PASSWORD);
        Process store = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("listening on")) {
            assertThat(store.isAlive() && System.nanoTime() < deadline).as(Files.readString(log)).isTrue();
            Thread.sleep(20);
        }
        return store;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static MongoClient journaled(int port) {
        return MongoClients.create("mongodb://nrm:" + PASSWORD + "@127.0.0.1:" + port + "/?journal=true");
    }

    @Test
    void journaledWritesAcknowledgedByFourWritersSurviveAHardKill() throws Exception {
        int port = freePort();
        Process store = startStore(port);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong increments = new AtomicLong();
        AtomicLong numbers = new AtomicLong();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (MongoClient client = journaled(port)) {
            MongoCollection<Document> events = client.getDatabase("nrm_events").getCollection("events");
            MongoCollection<Document> counters = client.getDatabase("nrm_events").getCollection("counters");
            events.createIndex(Indexes.ascending("aggregateKey"), new IndexOptions().unique(true));
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                running.add(writers.submit(() -> {
                    while (!killed.get()) {
                        long n = numbers.incrementAndGet();
                        try {
                            counters.findOneAndUpdate(eq("_id", "c"), Updates.inc("value", 1L),
                                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                            increments.incrementAndGet();
                            events.insertOne(new Document("_id", n).append("aggregateKey", "case-" + n + "#0"));
                            acknowledged.add(n);
                        } catch (RuntimeException e) {
                            return; // the store is gone
                        }
                    }
                }));
            }
            // long enough for several checkpoints (one a second), so that the file and the log both count
            while (acknowledged.size() < 800) {
                Thread.sleep(20);
            }
            Thread.sleep(1_500);
            store.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no last checkpoint
            killed.set(true);
            for (Future<?> writer : running) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
            store.destroyForcibly();
        }
        long incrementsAcknowledged = increments.get();

        Process restarted = startStore(port);
        try (MongoClient client = journaled(port)) {
            MongoCollection<Document> events = client.getDatabase("nrm_events").getCollection("events");
            Set<Long> stored = ConcurrentHashMap.newKeySet();
            events.find().forEach(d -> stored.add(d.getLong("_id")));
            assertThat(stored).containsAll(acknowledged);
            // executed once: at most the increments whose answers were lost in flight on top of the acknowledged
            long value = client.getDatabase("nrm_events").getCollection("counters").find(eq("_id", "c")).first()
                    .getLong("value");
            assertThat(value).isBetween(incrementsAcknowledged, incrementsAcknowledged + 4);
            // the unique index came back with the data: a stored key is refused again
            long someStored = acknowledged.iterator().next();
            assertThatThrownBy(() -> events.insertOne(new Document("_id", -1L)
                    .append("aggregateKey", "case-" + someStored + "#0")))
                    .isInstanceOf(MongoWriteException.class);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A kill of the process leaves what was written in the page cache, so the test of what is synced reads the log's
     * own positions: a journaled write and a majority read are answered only once synced, other writes are not
     * waited for (a flush interval of an hour keeps the flusher out of the way).
     */
    @Test
    void journaledWritesAndMajorityReadsAreAnsweredOnlyOnceSynced() throws Exception {
        EmbeddedStoreBackend.Settings lazyFlusher = new EmbeddedStoreBackend.Settings(Duration.ofHours(1),
                Duration.ofHours(1), 1024, 8, false);
        try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0, lazyFlusher);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("db").getCollection("items");
            items.withWriteConcern(WriteConcern.W1.withJournal(false)).insertOne(new Document("_id", 1));
            long[] afterPlainWrite = store.backend().logPosition();
            assertThat(afterPlainWrite[1]).as("synced").isLessThan(afterPlainWrite[0]);

            assertThat(items.find(eq("_id", 1)).first()).isNotNull();
            assertThat(store.backend().logPosition()[1]).as("a local read does not wait").isLessThan(afterPlainWrite[0]);

            assertThat(items.withReadConcern(ReadConcern.MAJORITY).find(eq("_id", 1)).first()).isNotNull();
            assertThat(store.backend().logPosition()[1]).as("a majority read waits").isGreaterThanOrEqualTo(afterPlainWrite[0]);

            items.withWriteConcern(WriteConcern.W1.withJournal(true)).insertOne(new Document("_id", 2));
            long[] afterJournaledWrite = store.backend().logPosition();
            assertThat(afterJournaledWrite[1]).as("a journaled write waits").isEqualTo(afterJournaledWrite[0]);
        }
    }

    @Test
    void writesWithoutJournalSurviveACleanShutdownAndTheLogIsDiscardedByCheckpoints() throws Exception {
        try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("db").getCollection("items")
                    .withWriteConcern(WriteConcern.W1);
            for (int i = 0; i < 500; i++) {
                items.insertOne(new Document("_id", i));
            }
            items.updateMany(new Document(), Updates.inc("n", 2));
        }
        try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("db").getCollection("items");
            assertThat(items.countDocuments()).isEqualTo(500);
            assertThat(items.find(eq("_id", 499)).first().getInteger("n")).isEqualTo(2);
        }
        // the clean shutdown's checkpoint covered every record: what is left holds no record, only zeros written
        // ahead (the segment the second start opened is deleted at its shutdown; the spare stays)
        try (var segments = Files.list(dataDir.resolve("store").resolve(EmbeddedStore.WAL_SUBDIR))) {
            for (Path segment : segments.toList()) {
                byte[] bytes = Files.readAllBytes(segment);
                assertThat(IntStream.range(0, bytes.length).allMatch(i -> bytes[i] == 0)).as(segment.toString()).isTrue();
            }
        }
    }
}
