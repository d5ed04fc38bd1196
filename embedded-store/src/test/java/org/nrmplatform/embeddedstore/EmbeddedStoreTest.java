package org.nrmplatform.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedStoreTest {

    @TempDir
    Path dataDir;

    private static MongoClient client(EmbeddedStore.Handle store) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    private static MongoCollection<Document> events(MongoClient client) {
        return client.getDatabase("nrm").getCollection("events");
    }

    @Test
    void documentsAndUniqueIndexSurviveRestart() throws Exception {
        Path storeFile;
        try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0)) {
            assertThat(store.port()).isPositive();
            assertThat(store.connectionString()).isEqualTo("mongodb://127.0.0.1:" + store.port());
            storeFile = store.storeFile();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> events = events(client);
                events.createIndex(Indexes.ascending("aggregateId", "sequence"), new IndexOptions().unique(true));
                List<Document> docs = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    docs.add(new Document("aggregateId", "case-1").append("sequence", i)
                            .append("type", "CaseOpened").append("payload", "Petrović #" + i));
                }
                events.insertMany(docs);
                assertThat(events.countDocuments()).isEqualTo(50);
            }
        }
        assertThat(storeFile).isEqualTo(dataDir.resolve("store").resolve("nrm-store.mv").toAbsolutePath());
        assertThat(storeFile).isRegularFile();
        assertThat(Files.size(storeFile)).isPositive();

        try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0);
             MongoClient client = client(store)) {
            MongoCollection<Document> events = events(client);
            assertThat(events.countDocuments()).isEqualTo(50);
            Document last = events.find().sort(Sorts.descending("sequence")).first();
            assertThat(last).isNotNull();
            assertThat(last.getInteger("sequence")).isEqualTo(49);
            assertThat(last.getString("payload")).isEqualTo("Petrović #49");

            // the unique index was persisted as well and is still enforced
            assertThatThrownBy(() -> events.insertOne(new Document("aggregateId", "case-1").append("sequence", 7)))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(ErrorCategory.fromErrorCode(e.getCode()))
                                    .isEqualTo(ErrorCategory.DUPLICATE_KEY));
            events.insertOne(new Document("aggregateId", "case-1").append("sequence", 50));
            assertThat(events.countDocuments()).isEqualTo(51);
        }
    }

    @Test
    void secondStoreOnSameDataDirectoryIsRejected() throws Exception {
        try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0)) {
            assertThatThrownBy(() -> EmbeddedStore.start(dataDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot open store file");
            assertThat(store.isClosed()).isFalse();
        }
    }

    @Test
    void occupiedPortIsReportedAndFileLockReleased() throws Exception {
        try (EmbeddedStore.Handle first = EmbeddedStore.start(dataDir.resolve("a"), 0)) {
            assertThatThrownBy(() -> EmbeddedStore.start(dataDir.resolve("b"), first.port()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
        // the failed attempt must not keep the store file of "b" locked
        EmbeddedStore.start(dataDir.resolve("b"), 0).close();
    }

    @Test
    void closeIsIdempotent() throws Exception {
        EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0);
        store.close();
        store.close();
        assertThat(store.isClosed()).isTrue();
    }

    private static final Map<String, String> PASSWORD = Map.of("NRM_STORE_PASSWORD", "0123456789abcdef");

    @Test
    void configFromArgumentsAndEnvironment() {
        EmbeddedStore.Config defaults = EmbeddedStore.Config.parse(new String[0], PASSWORD);
        assertThat(defaults.port).isEqualTo(27117);
        assertThat(defaults.dataDir).isEqualTo(Path.of("nrm-data").toAbsolutePath());

        EmbeddedStore.Config env = EmbeddedStore.Config.parse(new String[0],
                Map.of("NRM_STORE_PORT", "28000", "NRM_DATA_DIR", "/tmp/x", "NRM_STORE_PASSWORD", "0123456789abcdef"));
        assertThat(env.port).isEqualTo(28000);
        assertThat(env.dataDir).isEqualTo(Path.of("/tmp/x"));

        assertThat(EmbeddedStore.Config.parse(new String[] {"28001"}, Map.of("NRM_STORE_PORT", "28000", "NRM_STORE_PASSWORD", "0123456789abcdef")).port)
                .isEqualTo(28001);
        assertThat(EmbeddedStore.Config.parse(new String[] {"--port=28002", "--data-dir=/tmp/y"}, PASSWORD).dataDir)
                .isEqualTo(Path.of("/tmp/y"));
        assertThatThrownBy(() -> EmbeddedStore.Config.parse(new String[] {"--port=abc"}, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EmbeddedStore.Config.parse(new String[0], PASSWORD).acknowledgeFromMemory).isFalse();
        assertThat(EmbeddedStore.Config.parse(new String[] {"--acknowledge-from-memory"}, PASSWORD)
                .acknowledgeFromMemory).isTrue();
        assertThatThrownBy(() -> EmbeddedStore.Config.parse(new String[] {"--bogus"}, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProgramRefusesToStartWithoutAPasswordAndSaysWhatToSet() {
        assertThatThrownBy(() -> EmbeddedStore.Config.parse(new String[0], Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NRM_STORE_PASSWORD");
        assertThatThrownBy(() -> EmbeddedStore.Config.parse(new String[0], Map.of("NRM_STORE_PASSWORD", "short")))
                .hasMessageContaining("at least 16 characters");
        EmbeddedStore.Config named = EmbeddedStore.Config.parse(new String[0],
                Map.of("NRM_STORE_PASSWORD", "0123456789abcdef", "NRM_STORE_USERNAME", "platform"));
        assertThat(named.credentials.username()).isEqualTo("platform");
        assertThat(EmbeddedStore.Config.parse(new String[0], PASSWORD).credentials.username()).isEqualTo("nrm");
    }
}
