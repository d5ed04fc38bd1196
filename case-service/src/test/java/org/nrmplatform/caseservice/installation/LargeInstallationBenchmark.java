package org.nrmplatform.caseservice.installation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.shared.privacy.MasterKey;
import org.nrmplatform.shared.privacy.MongoSubjectKeys;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.store.OfflineEventStore;

/**
 * Generates a large installation into a store whose services are stopped (infra/benchmark/large-installation.sh
 * runs it between two starts of the platform; README, "Benchmarks"). System properties: {@code benchmark.store-uri}
 * (with the platform's credentials; else the environment's {@code NRM_BENCHMARK_STORE_URI}), {@code benchmark.master-key-file} (the data directory's
 * {@code privacy-master-key}), {@code benchmark.cases} (10000), {@code benchmark.years} (5), {@code benchmark.seed}
 * (1), {@code benchmark.summary-file} (what was generated, as {@code key=value} lines). Skipped without a store.
 */
@Tag("benchmark")
class LargeInstallationBenchmark {

    @Test
    void generateTheInstallation() throws IOException {
        // the environment rather than the command line, where the store's password would show in the process list
        String uri = System.getProperty("benchmark.store-uri", System.getenv("NRM_BENCHMARK_STORE_URI"));
        assumeTrue(uri != null && !uri.isBlank(), "no benchmark.store-uri: nothing to generate into");
        int cases = Integer.getInteger("benchmark.cases", 10_000);
        int years = Integer.getInteger("benchmark.years", 5);
        long seed = Long.getLong("benchmark.seed", 1L);
        String masterKey = Files.readString(Path.of(System.getProperty("benchmark.master-key-file"))).trim();
        try (MongoClient client = OfflineEventStore.connect(uri)) {
            PersonalData personalData = new PersonalData(new MongoSubjectKeys(client, "nrm_subject_keys",
                    MasterKey.fromBase64(masterKey)));
            InstallationGenerator generator = new InstallationGenerator(OfflineEventStore.engine(client, "nrm_events"),
                    personalData, new IndicatorCatalogue(), InstallationGenerator.Parties.demo(), seed);
            long started = System.nanoTime();
            AtomicLong reported = new AtomicLong();
            // ends a few minutes ago: nothing generated is "in the future" for the services
            Instant end = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
            InstallationGenerator.Summary summary = generator.generate(cases, end, Duration.ofDays(365L * years),
                    appended -> {
                        if (appended - reported.get() >= 100_000) {
                            reported.set(appended);
                            double seconds = (System.nanoTime() - started) / 1e9;
                            System.out.printf("generated %,d events in %.0f s (%,.0f events/s)%n", appended, seconds,
                                    appended / seconds);
                        }
                    });
            String text = """
                    cases=%d
                    events=%d
                    closed=%d
                    erased=%d
                    referrals=%d
                    readLogStreams=%d
                    largestCase=%s
                    largestCaseEvents=%d
                    from=%s
                    to=%s
                    seconds=%.1f
                    """.formatted(summary.cases(), summary.events(), summary.closed(), summary.erased(),
                    summary.referrals(), summary.readLogStreams(), summary.largestCase(), summary.largestCaseEvents(),
                    summary.from(), summary.to(), summary.took().toMillis() / 1000.0);
            StringBuilder byType = new StringBuilder();
            summary.eventsByType().forEach((type, count) -> byType.append("type.").append(type).append('=')
                    .append(count).append('\n'));
            System.out.print(text + byType);
            String file = System.getProperty("benchmark.summary-file");
            if (file != null && !file.isBlank()) {
                Files.writeString(Path.of(file), text + byType, StandardCharsets.UTF_8);
            }
        }
    }
}
