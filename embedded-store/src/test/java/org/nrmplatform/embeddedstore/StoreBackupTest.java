package org.nrmplatform.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while writers write holds every write acknowledged before it was asked for, and exactly what its
 * manifest says; a restore checks the checksums first and never overwrites a store unless told.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreBackupTest {

    private static final String PASSWORD = "a-password-for-the-backup-test";
    /** Small segments and frequent checkpoints, so that a backup meets rotated segments and a moving checkpoint. */
    private static final EmbeddedStoreBackend.Settings SETTINGS = new EmbeddedStoreBackend.Settings(
            Duration.ofMillis(50), Duration.ofMillis(100), 1, 1, false);
    private static final int WRITERS = 4;

    @TempDir
    Path temp;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();

    @Test
    void aBackupTakenWhileWritersWriteRestoresEveryWriteAcknowledgedBeforeIt() throws Exception {
        Path source = temp.resolve("source");
        Path backup = temp.resolve("backup");
        Set<String> before;
        String printed;
        try (EmbeddedStore.Handle store = EmbeddedStore.start(source, 0, SETTINGS,
                StoreCredentials.of("nrm", PASSWORD));
             MongoClient client = MongoClients.create("mongodb://nrm:" + PASSWORD + "@127.0.0.1:" + store.port()
                     + "/?authSource=admin")) {
            MongoCollection<Document> events = client.getDatabase(StoreBackup.EVENTS_DATABASE)
                    .getCollection(StoreBackup.EVENTS_COLLECTION).withWriteConcern(WriteConcern.JOURNALED);
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                    new IndexOptions().unique(true));
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> write(events, writer, writing));
            }
            try {
                while (acknowledged.size() < 3_000) {
                    Thread.sleep(20);
                }
                before = new HashSet<>(acknowledged); // acknowledged before the backup was asked for
                printed = backUp(store.port(), backup);
            } finally {
                writing.set(false);
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        System.out.print(printed);
        BackupManifest manifest = BackupManifest.read(backup);
        assertThat(manifest.lastLsn()).isGreaterThanOrEqualTo(manifest.fileLsn());
        assertThat(manifest.events()).isGreaterThanOrEqualTo(before.size());
        assertThat(printed).contains("backup done", manifest.events() + " events");

        Path restoredData = temp.resolve("restored");
        StoreRestore.Restored restored = StoreRestore.restore(backup, restoredData, false, System.out);
        assertThat(restored.events()).isEqualTo(manifest.events());
        try (EmbeddedStore.Handle store = EmbeddedStore.start(restoredData, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = client.getDatabase(StoreBackup.EVENTS_DATABASE)
                    .getCollection(StoreBackup.EVENTS_COLLECTION);
            Set<String> found = new HashSet<>();
            events.find().forEach(event -> found.add(event.getString("aggregateIdentifier") + "/"
                    + event.getLong("sequenceNumber")));
            assertThat(found).containsAll(before).hasSize((int) manifest.events());
            // nothing half-written: every stream restored is a gap-free prefix of what its writer wrote
            Map<String, Long> heads = new ConcurrentHashMap<>();
            found.forEach(id -> heads.merge(id.split("/")[0], 1L, Long::sum));
            heads.forEach((stream, count) -> assertThat(found).contains(stream + "/" + (count - 1)));
            // the unique index came back with the data: a stream's number is taken once
            assertThatThrownBy(() -> events.insertOne(new Document("aggregateIdentifier", "writer-0")
                    .append("sequenceNumber", 0L))).hasMessageContaining("duplicate key");
        }
        System.out.printf("backup: %d acknowledged before it, %d events in it (file through LSN %d, log through %d), "
                        + "%.1f MB in %d ms; restored in %d ms%n", before.size(), manifest.events(), manifest.fileLsn(),
                manifest.lastLsn(), manifest.bytes() / 1048576.0, manifest.millis(), restored.took().toMillis());
    }

    @Test
    void aRestoreRefusesADamagedBackupAndAStoreInPlace() throws Exception {
        Path source = temp.resolve("source");
        Path backup = temp.resolve("backup");
        try (EmbeddedStore.Handle store = EmbeddedStore.start(source, 0, SETTINGS,
                StoreCredentials.of("nrm", PASSWORD));
             MongoClient client = MongoClients.create("mongodb://nrm:" + PASSWORD + "@127.0.0.1:" + store.port()
                     + "/?authSource=admin")) {
            client.getDatabase(StoreBackup.EVENTS_DATABASE).getCollection(StoreBackup.EVENTS_COLLECTION)
                    .withWriteConcern(WriteConcern.JOURNALED).insertOne(new Document("aggregateIdentifier", "a")
                            .append("sequenceNumber", 0L));
            backUp(store.port(), backup);
            // a second backup into the same directory is refused: it is not empty
            assertThatThrownBy(() -> client.getDatabase("admin").runCommand(new Document("nrmBackup", 1)
                    .append("to", backup.toString()))).isInstanceOf(MongoCommandException.class)
                    .hasMessageContaining("is not empty");
        }
        // the store in place is refused, then replaced when asked, and kept aside
        assertThatThrownBy(() -> StoreRestore.restore(backup, source, false, System.out))
                .hasMessageContaining("holds a store already");
        StoreRestore.Restored replaced = StoreRestore.restore(backup, source, true, System.out);
        assertThat(replaced.events()).isEqualTo(1);
        assertThat(replaced.replacedStore()).isDirectory();

        try (RandomAccessFile file = new RandomAccessFile(backup.resolve(BackupManifest.STORE_FILE).toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0xff);
        }
        Path elsewhere = temp.resolve("elsewhere");
        assertThatThrownBy(() -> StoreRestore.restore(backup, elsewhere, false, System.out))
                .isInstanceOf(BackupManifest.Unusable.class).hasMessageContaining("store/nrm-store.mv is damaged");
        assertThat(elsewhere.resolve("store")).doesNotExist();

        Files.delete(backup.resolve(BackupManifest.MANIFEST));
        assertThatThrownBy(() -> StoreRestore.restore(backup, elsewhere, false, System.out))
                .hasMessageContaining("did not finish");
    }

    private String backUp(int port, Path to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BackupClient.run("backup", new String[] {"--to", to.toString()},
                Map.of("NRM_STORE_PORT", String.valueOf(port), "NRM_STORE_PASSWORD", PASSWORD),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as("backup: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One stream per writer, numbered from 0: what was acknowledged is a prefix of it. */
    private void write(MongoCollection<Document> events, int writer, AtomicBoolean writing) {
        for (long sequence = 0; writing.get(); sequence++) {
            sent.incrementAndGet();
            events.insertOne(new Document("aggregateIdentifier", "writer-" + writer)
                    .append("sequenceNumber", sequence).append("payload", "x".repeat(200)));
            acknowledged.add("writer-" + writer + "/" + sequence);
        }
    }
}
