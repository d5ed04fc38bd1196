package org.nrmplatform.shared.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the unique index on the event identifier costs on the embedded store (as {@code infra/nrm} runs it, a
 * process of its own): raw inserts of event documents into a collection with the engine's indexes, and commands
 * per second through a real Axon configuration ({@link CommandLoad}), with and without that index, alternating in
 * one run (and which goes first) so that a slow moment of the shared machine does not fall on one side only. {@code mvn -pl shared -am
 * -Pbenchmark test -Dtest=EventIdentifierIndexBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; not part of
 * the default test run.
 */
@Tag("benchmark")
class EventIdentifierIndexBenchmark {

    private static final String INDEX = EventDocuments.EVENT_IDENTIFIER + "_1";
    private static final Duration RAW = Duration.ofSeconds(5);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration MEASURED = Duration.ofSeconds(8);
    private static final int ROUNDS = 3;
    private static final int BATCH = 500;
    private static final int BATCHES = 40;
    private static final int WARM_UP_BATCHES = 10;

    private final Serializer serializer = EventStoreConfiguration.jsonSerializer();

    @Test
    void withAndWithoutTheIndex() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        List<String> rows = new ArrayList<>();
        rows.add("| round | unique eventIdentifier | raw inserts/s, 1 thread | raw inserts/s, 4 threads "
                + "| commands/s, 1 thread | commands/s, 4 threads |");
        rows.add("|---|---|---|---|---|---|");
        try (BenchmarkStores.EmbeddedServer embedded = new BenchmarkStores.EmbeddedServer()) {
            // not counted: the JIT and the server warm up on both paths
            rawInserts(embedded, true, "warm1", 1);
            rawInserts(embedded, false, "warm2", 1);
            CommandLoad.run(open(embedded, true, "warm1"), serializer, 1, WARM_UP, WARM_UP);
            CommandLoad.run(open(embedded, false, "warm2"), serializer, 1, WARM_UP, WARM_UP);
            for (int round = 1; round <= ROUNDS; round++) {
                // the order alternates too: a machine getting busier or quieter favours neither side
                boolean[] order = round % 2 == 1 ? new boolean[]{true, false} : new boolean[]{false, true};
                for (boolean indexed : order) {
                    String label = round + (indexed ? "with" : "without");
                    double rawOne = rawInserts(embedded, indexed, label + "1", 1);
                    double rawFour = rawInserts(embedded, indexed, label + "4", 4);
                    CommandLoad.Result one = CommandLoad.run(open(embedded, indexed, label + "1"), serializer, 1,
                            WARM_UP, MEASURED);
                    CommandLoad.Result four = CommandLoad.run(open(embedded, indexed, label + "4"), serializer, 4,
                            WARM_UP, MEASURED);
                    rows.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.0f | %.0f |", round,
                            indexed ? "yes" : "no", rawOne, rawFour, one.commandsPerSecond(),
                            four.commandsPerSecond()));
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
        }
        rows.add("");
        rows.addAll(interleaved());
        String report = String.join("\n", rows) + "\n";
        System.out.println(report);
        Path written = Path.of("target", "benchmark", "event-identifier-index.md");
        Files.createDirectories(written.getParent());
        Files.writeString(written, report);
    }

    /**
     * The same comparison at a finer grain, for a machine that is not quiet: batches of single-document inserts,
     * one thread, into two collections of one store, one batch with the index and one without, by turns; the
     * best batch of each side is the nearest to the uncontended cost, the median says what is typical.
     */
    private List<String> interleaved() throws Exception {
        List<String> rows = new ArrayList<>();
        try (BenchmarkStores.EmbeddedServer embedded = new BenchmarkStores.EmbeddedServer()) {
            MongoCollection<Document> with = embedded.client.getDatabase("i_with").getCollection(EventDocuments.EVENTS);
            MongoCollection<Document> without =
                    embedded.client.getDatabase("i_without").getCollection(EventDocuments.EVENTS);
            withOrWithoutIndex(with, true);
            withOrWithoutIndex(without, false);
            AtomicLong numbers = new AtomicLong();
            List<Double> withMicros = new ArrayList<>();
            List<Double> withoutMicros = new ArrayList<>();
            for (int batch = 0; batch < WARM_UP_BATCHES + BATCHES; batch++) {
                boolean withFirst = batch % 2 == 0;
                double first = microsPerInsert(withFirst ? with : without, numbers);
                double second = microsPerInsert(withFirst ? without : with, numbers);
                if (batch >= WARM_UP_BATCHES) {
                    withMicros.add(withFirst ? first : second);
                    withoutMicros.add(withFirst ? second : first);
                }
            }
            withMicros.sort(null);
            withoutMicros.sort(null);
            rows.add(String.format(Locale.ROOT, "interleaved single inserts, 1 thread, %d batches of %d each side "
                    + "(µs per insert):", BATCHES, BATCH));
            rows.add("");
            rows.add("| unique eventIdentifier | best batch | median batch |");
            rows.add("|---|---|---|");
            rows.add(String.format(Locale.ROOT, "| yes | %.1f | %.1f |", withMicros.get(0),
                    withMicros.get(BATCHES / 2)));
            rows.add(String.format(Locale.ROOT, "| no | %.1f | %.1f |", withoutMicros.get(0),
                    withoutMicros.get(BATCHES / 2)));
            rows.add("");
            rows.add(String.format(Locale.ROOT, "cost of the index: %+.0f %% (best), %+.0f %% (median)",
                    100 * (withMicros.get(0) / withoutMicros.get(0) - 1),
                    100 * (withMicros.get(BATCHES / 2) / withoutMicros.get(BATCHES / 2) - 1)));
        }
        return rows;
    }

    private double microsPerInsert(MongoCollection<Document> events, AtomicLong numbers) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            long number = numbers.incrementAndGet();
            Document event = EventDocuments.event(BenchmarkStores.sampleEvent(number), serializer);
            EventDocuments.sequence(event, number, Instant.now());
            documents.add(event);
        }
        long start = System.nanoTime();
        for (Document event : documents) {
            events.insertOne(event);
        }
        return (System.nanoTime() - start) / 1e3 / BATCH;
    }

    /** Single-document inserts of numbered event documents into a collection with the engine's indexes. */
    private double rawInserts(BenchmarkStores.EmbeddedServer embedded, boolean indexed, String label, int threads)
            throws Exception {
        MongoCollection<Document> events = embedded.client.getDatabase("i_raw_" + label)
                .getCollection(EventDocuments.EVENTS);
        withOrWithoutIndex(events, indexed);
        AtomicLong numbers = new AtomicLong();
        return BenchmarkStores.Measure.throughput(threads, RAW, () -> {
            long number = numbers.incrementAndGet();
            Document event = EventDocuments.event(BenchmarkStores.sampleEvent(number), serializer);
            EventDocuments.sequence(event, number, Instant.now());
            events.insertOne(event);
            return null;
        });
    }

    private BenchmarkStores.Opened open(BenchmarkStores.EmbeddedServer embedded, boolean indexed, String label) {
        String database = "i_events_" + label;
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(EventDatabase.withoutTransactions(embedded.client, database))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureSchema();
        withOrWithoutIndex(embedded.client.getDatabase(database).getCollection(EventDocuments.EVENTS), indexed);
        return new BenchmarkStores.Opened(engine, BenchmarkStores.mongoTokens(embedded.client, serializer,
                "i_service_" + label), NoTransactionManager.INSTANCE);
    }

    private static void withOrWithoutIndex(MongoCollection<Document> events, boolean indexed) {
        EventDocuments.ensureIndexes(events);
        if (!indexed) {
            events.dropIndex(INDEX); // as the engine was before the identifier was unique
        }
    }
}
