package org.nrmplatform.shared.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.evidence.StoredEvent;
import org.slf4j.LoggerFactory;

/**
 * What the hash chain costs on the command path: commands per second through a real Axon configuration
 * (the event store benchmark's {@link CommandLoad}) on the embedded store, with
 * {@code nrm.evidence.hash-chain} on and off, in one run, alternating (on, off, on, off) so that a slow
 * moment of the shared machine does not fall on one side only. {@code mvn -pl shared -am -Pbenchmark test
 * -Dtest=HashChainBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; not part of the default test run.
 */
@Tag("benchmark")
class HashChainBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration MEASURED = Duration.ofSeconds(8);
    private static final int ROUNDS = 3;

    private final Serializer serializer = EventStoreConfiguration.jsonSerializer();

    @Test
    void hashingOnAndOff() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        List<String> rows = new ArrayList<>();
        rows.add("| round | hash chain | commands/s, 1 thread | commands/s, 4 threads | lag p99 4 threads (ms) |");
        rows.add("|---|---|---|---|---|");
        try (BenchmarkStores.EmbeddedServer embedded = new BenchmarkStores.EmbeddedServer()) {
            // a round not counted: the JIT and the server warm up on both paths
            CommandLoad.run(open(embedded, true, "warm1"), serializer, 1, WARM_UP, WARM_UP);
            CommandLoad.run(open(embedded, false, "warm2"), serializer, 1, WARM_UP, WARM_UP);
            for (int round = 1; round <= ROUNDS; round++) {
                for (boolean hashChain : new boolean[]{true, false}) {
                    String label = round + (hashChain ? "on" : "off");
                    CommandLoad.Result one = CommandLoad.run(open(embedded, hashChain, label + "1"), serializer, 1,
                            WARM_UP, MEASURED);
                    CommandLoad.Result four = CommandLoad.run(open(embedded, hashChain, label + "4"), serializer, 4,
                            WARM_UP, MEASURED);
                    rows.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.1f |", round,
                            hashChain ? "on" : "off", one.commandsPerSecond(), four.commandsPerSecond(),
                            four.lag().p99Millis()));
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
        }
        rows.add("");
        rows.add(String.format(Locale.ROOT, "hashing alone (EventHash.of, one thread, %d events of ~%d bytes of payload): "
                + "best %.1f µs per event", HASHED, samplePayload().length(), microsPerHash()));
        String report = String.join("\n", rows) + "\n";
        System.out.println(report);
        Path written = Path.of("target", "benchmark", "hash-chain.md");
        Files.createDirectories(written.getParent());
        Files.writeString(written, report);
    }

    private static final int HASHED = 20_000;

    private static String samplePayload() {
        return "{\"caseId\":\"3f1c8a52-0000-4000-8000-000000000001\",\"consentId\":\"" + UUID.randomUUID()
                + "\",\"givenBy\":\"DATA_SUBJECT\",\"purposes\":[\"REFERRAL\",\"SERVICE_PROVISION\"],"
                + "\"serviceTypes\":[\"SAFE_ACCOMMODATION\",\"MEDICAL_CARE\"],\"recipientOrganisationId\":"
                + "\"0f6a3c1e-5555-4a2b-9c3d-000000000005\",\"note\":\"Given in the presence of an interpreter "
                + "(Albanian), after the purposes were explained; she keeps a copy.\"}";
    }

    /** The CPU cost of hashing one event, best of five passes over {@value #HASHED} events. */
    private static double microsPerHash() {
        String metadata = "{\"userId\":\"u-1\",\"clientId\":\"demo-first-line\",\"organisationId\":"
                + "\"0f6a3c1e-1111-4a2b-9c3d-000000000001\",\"organisationType\":\"POLICE\",\"country\":\"RS\","
                + "\"roles\":[\"first-line\"],\"correlationId\":\"" + UUID.randomUUID() + "\",\"causationId\":\""
                + UUID.randomUUID() + "\"}";
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < HASHED; i++) {
            events.add(new StoredEvent(i, "3f1c8a52-0000-4000-8000-000000000001", i, "Case", UUID.randomUUID().toString(),
                    "2026-11-20T09:30:00.000Z", "org.nrmplatform.contracts.cases.Events$ConsentGiven", null,
                    samplePayload(), metadata, EventHash.GENESIS, null));
        }
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 5; pass++) {
            long start = System.nanoTime();
            long sink = 0;
            for (StoredEvent event : events) {
                sink += EventHash.of(event).charAt(0);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e3 / HASHED + (sink == 42 ? 1e-9 : 0));
        }
        return best;
    }

    private BenchmarkStores.Opened open(BenchmarkStores.EmbeddedServer embedded, boolean hashChain, String label) {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(EventDatabase.withoutTransactions(embedded.client, "h_events_" + label))
                .hashChain(hashChain)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureSchema();
        return new BenchmarkStores.Opened(engine, BenchmarkStores.mongoTokens(embedded.client, serializer, "h_service_" + label),
                NoTransactionManager.INSTANCE);
    }
}
