package org.nrmplatform.embeddedstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedStoreBackendTest {

    private static final int EVENTS = 2_000;

    @TempDir
    Path dataDir;

    /** Keys whose Java serializations order differently from their values, as event keys do. */
    private static String key(int i) {
        return "case-" + (i * 7919 % EVENTS) + "#" + i;
    }

    private static MongoCollection<Document> events(MongoClient client) {
        return client.getDatabase("nrm_events").getCollection("events");
    }

    private static void writeEvents(MongoCollection<Document> events, int from, int to) {
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(new Document("_id", (long) i).append("aggregateKey", key(i)).append("payload", "event " + i));
        }
        events.insertMany(batch);
    }

    private static void assertEveryEventFoundByItsKeys(MongoCollection<Document> events, int count) {
        for (int i = 0; i < count; i += 37) {
            assertThat(events.find(eq("_id", (long) i)).first().getString("payload")).isEqualTo("event " + i);
            assertThat(events.find(eq("aggregateKey", key(i))).first().getLong("_id")).isEqualTo((long) i);
        }
        List<String> keys = IntStream.range(0, count).mapToObj(EmbeddedStoreBackendTest::key).toList();
        assertThat(events.countDocuments(in("aggregateKey", keys))).isEqualTo(count);
        assertThat(events.countDocuments()).isEqualTo(count);
    }

    private static void assertDuplicateRefused(MongoCollection<Document> events, Document duplicate) {
        assertThatThrownBy(() -> events.insertOne(duplicate))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    @Test
    void uniqueIndexesFindEveryKeyAndRefuseDuplicates() throws Exception {
        try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = events(client);
            events.createIndex(Indexes.ascending("aggregateKey"), new IndexOptions().unique(true));
            writeEvents(events, 0, EVENTS);

            assertEveryEventFoundByItsKeys(events, EVENTS);
            assertDuplicateRefused(events, new Document("_id", 5L).append("aggregateKey", "new"));
            assertDuplicateRefused(events, new Document("_id", (long) EVENTS).append("aggregateKey", key(5)));
            // equal by value is the same key, as in MongoDB; a string is not a number
            assertDuplicateRefused(events, new Document("_id", 5).append("aggregateKey", "new"));
            events.insertOne(new Document("_id", "5").append("aggregateKey", "new"));
        }
    }

    /** A data directory written before unique indexes were value-ordered is put into order once, on opening. */
    @Test
    void indexesWrittenByThePlainBackendArePutIntoValueOrder() throws Exception {
        Path file = EmbeddedStore.storeFile(dataDir);
        file.getParent().toFile().mkdirs();
        MongoServer plain = new MongoServer(new H2Backend(file.toString()));
        plain.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + plain.getLocalAddress().getPort())) {
            MongoCollection<Document> events = events(client);
            events.createIndex(Indexes.ascending("aggregateKey"), new IndexOptions().unique(true));
            writeEvents(events, 0, EVENTS);
        } finally {
            plain.shutdown();
        }

        for (int restart = 0; restart < 2; restart++) {
            try (EmbeddedStore.Handle store = EmbeddedStore.start(dataDir, 0);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> events = events(client);
                int count = EVENTS + restart * 10;
                assertEveryEventFoundByItsKeys(events, count);
                assertDuplicateRefused(events, new Document("_id", (long) count).append("aggregateKey", key(3)));
                writeEvents(events, count, count + 10);
            }
        }
    }

    @Test
    void anInterruptedCopyIsDoneAgain() {
        String file = dataDir.resolve("interrupted.mv").toString();
        try (MVStore before = MVStore.open(file)) { // the plain backend's index, and a copy a crash cut short
            MVMap<KeyValue, Object> original = before.openMap("db.events._index_aggregateKey");
            IntStream.range(0, 500).forEach(i -> original.put(new KeyValue(key(i)), (long) i));
            MVMap<KeyValue, Object> partial = before.openMap("db.events._index_aggregateKey.valueOrdered",
                    new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE)
                            .valueType(new BsonObjectType()));
            partial.put(new KeyValue(key(1)), 1L);
        }
        MVStore store = MVStore.open(file);

        MVMap<KeyValue, Object> ordered = EmbeddedStoreBackend.valueOrdered(store, "db.events._index_aggregateKey");

        assertThat(ordered.sizeAsLong()).isEqualTo(500);
        IntStream.range(0, 500).forEach(i -> assertThat(ordered.get(new KeyValue(key(i)))).isEqualTo((long) i));
        assertThat(store.hasMap("db.events._index_aggregateKey.valueOrdered")).isFalse();
    }

    @Test
    void aCompleteCopyWhoseSwapWasInterruptedTakesTheOriginalsPlace() {
        MVStore store = MVStore.open(null);
        MVMap<KeyValue, Object> copy = store.openMap("db.events._index_aggregateKey.valueOrdered",
                new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE)
                        .valueType(new BsonObjectType()));
        IntStream.range(0, 500).forEach(i -> copy.put(new KeyValue(key(i)), (long) i));

        MVMap<KeyValue, Object> ordered = EmbeddedStoreBackend.valueOrdered(store, "db.events._index_aggregateKey");

        assertThat(ordered.sizeAsLong()).isEqualTo(500);
        IntStream.range(0, 500).forEach(i -> assertThat(ordered.get(new KeyValue(key(i)))).isEqualTo((long) i));
    }

    @Test
    void keysOrderAsMongoDbOrdersValues() {
        Random random = new Random(42);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Object value = switch (random.nextInt(3)) {
                case 0 -> (long) random.nextInt(500);
                case 1 -> "k" + random.nextInt(500);
                default -> random.nextInt(500) + 0.5;
            };
            keys.add(random.nextBoolean() ? new KeyValue(value) : new KeyValue(List.of(value, "x" + random.nextInt(3))));
        }
        TreeMap<KeyValue, Integer> expected = new TreeMap<>(IndexKeyType.INSTANCE::compare);
        MVMap<KeyValue, Integer> map = MVStore.open(null).openMap("keys",
                new MVMap.Builder<KeyValue, Integer>().keyType(IndexKeyType.INSTANCE));
        for (int i = 0; i < keys.size(); i++) {
            expected.put(keys.get(i), i);
            map.put(keys.get(i), i);
        }
        assertThat(map.sizeAsLong()).isEqualTo(expected.size());
        assertThat(new ArrayList<>(map.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(map.firstKey().get(0)).isInstanceOf(Number.class); // numbers before strings, shorter keys first
        assertThat(map.lastKey().size()).isEqualTo(2);
        keys.forEach(key -> assertThat(map.get(key)).isEqualTo(expected.get(key)));
    }
}
