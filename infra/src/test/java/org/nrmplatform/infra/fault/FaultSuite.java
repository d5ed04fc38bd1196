package org.nrmplatform.infra.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrmplatform.infra.launcher.LocalPlatform.openCase;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nrmplatform.infra.launcher.LocalPlatform;
import org.nrmplatform.infra.launcher.ProjectionChecks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault suite (infra/fault/run.sh, {@code -Pfault}): starts the platform with {@code infra/nrm up} on free
 * ports and a temporary data directory, keeps four writers opening cases through the gateway, and meanwhile
 * kills each component with SIGKILL, {@code fault.rounds} times each (5 by default), bringing it back with
 * {@code infra/nrm up}; then freezes the store with SIGSTOP for 10 s. Afterwards every acknowledged case must be
 * readable through the gateway, and every case projection must hold every case the store holds. Prints a table.
 */
class FaultSuite {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TARGETS = List.of("store", "case-service", "referral-service",
            "identity-service", "gateway");
    private static final int WRITERS = 4;
    /** Longer than any bound the platform promises (the gateway's route timeout): a request this long hangs. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    // four writers and the read-back of every case with one token send far more than a client may (README,
    // "Rate limits"): limits stay on, high enough never to refuse, or the read-back would count refusals as losses
    final LocalPlatform platform = new LocalPlatform()
            .withEnvironment("NRM_GATEWAY_RATELIMITS_PERCLIENT_REQUESTS", "100000000");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<String> firstLineToken = new AtomicReference<>();

    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong hung = new AtomicLong();
    private final AtomicLong longestMillis = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    /** When each writer last had a 201 for a request it sent after this instant. */
    private final AtomicReference<Instant> faultAt = new AtomicReference<>(Instant.MAX);
    private final AtomicReference<Instant> recoveredAt = new AtomicReference<>();

    private record Round(String target, int round, int acknowledgedBefore, double secondsUntilWrites) {
    }

    @Test
    void nothingAcknowledgedIsLostWhateverIsKilled() throws Exception {
        int rounds = Integer.getInteger("fault.rounds", 5);
        platform.launcher("up");
        firstLineToken.set(platform.launcher("token", "first-line").trim());

        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS + 1);
        for (int i = 0; i < WRITERS; i++) {
            writers.submit(() -> write(writing));
        }
        writers.submit(() -> refreshToken(writing)); // tokens live 10 minutes; the suite runs longer
        List<Round> table = new ArrayList<>();
        String frozen;
        try {
            awaitAcknowledged(50);
            for (String target : TARGETS) {
                for (int round = 1; round <= rounds; round++) {
                    table.add(kill(target, round));
                }
            }
            frozen = freezeStore(Duration.ofSeconds(10));
            awaitAcknowledged(acknowledged.size() + 20);
        } finally {
            writing.set(false);
            writers.shutdown();
            writers.awaitTermination(2, TimeUnit.MINUTES);
        }

        Map<String, int[]> found = readBack();
        Map<String, String> projections;
        try (MongoClient client = MongoClients.create(platform.storeUri())) {
            projections = ProjectionChecks.compareWithTheStore(client);
        }
        printTable(table, found, frozen, projections);

        assertThat(found.get("lost")[0]).as("acknowledged cases lost").isZero();
        assertThat(hung.get()).as("requests that hung past %s", REQUEST_TIMEOUT).isZero();
        assertThat(projections.values()).as("projections that do not hold exactly the cases the store holds")
                .allMatch(line -> line.startsWith("complete"));
    }

    private void write(AtomicBoolean writing) {
        while (writing.get()) {
            UUID caseId = UUID.randomUUID();
            Instant sent = Instant.now();
            attempts.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(platform.gateway() + "/api/cases"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + firstLineToken.get())
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(openCase(caseId))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                longestMillis.accumulateAndGet(Duration.between(sent, Instant.now()).toMillis(), Math::max);
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                if (response.statusCode() == 201) {
                    acknowledged.add(caseId);
                    if (sent.isAfter(faultAt.get())) {
                        recoveredAt.compareAndSet(null, Instant.now());
                    }
                } else {
                    refused.incrementAndGet();
                    pause();
                }
            } catch (java.net.http.HttpTimeoutException e) {
                hung.incrementAndGet();
            } catch (IOException e) {
                refused.incrementAndGet(); // connection refused while the gateway is down
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void refreshToken(AtomicBoolean writing) {
        while (writing.get()) {
            try {
                Thread.sleep(Duration.ofMinutes(4).toMillis());
                firstLineToken.set(platform.launcher("token", "first-line").trim());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | AssertionError e) {
                System.out.println("token refresh failed (identity-service down?), trying again later: " + e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Round kill(String target, int round) throws Exception {
        int before = acknowledged.size();
        String pid = Files.readString(platform.dataDirectory().resolve("run/" + target + ".pid")).trim();
        recoveredAt.set(null);
        Instant killed = Instant.now();
        faultAt.set(killed);
        new ProcessBuilder("kill", "-KILL", pid).start().waitFor();
        Thread.sleep(500);
        platform.launcher("up");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (recoveredAt.get() == null) {
            assertThat(Instant.now()).as("writes succeed again within 3 minutes after killing %s", target)
                    .isBefore(deadline);
            Thread.sleep(50);
        }
        double seconds = Duration.between(killed, recoveredAt.get()).toMillis() / 1000.0;
        System.out.printf("kill -9 %s (round %d): writes again after %.1f s%n", target, round, seconds);
        faultAt.set(Instant.MAX);
        awaitAcknowledged(acknowledged.size() + 20);
        return new Round(target, round, before, seconds);
    }

    private String freezeStore(Duration how) throws Exception {
        String pid = Files.readString(platform.dataDirectory().resolve("run/store.pid")).trim();
        longestMillis.set(0);
        long hungBefore = hung.get();
        recoveredAt.set(null);
        new ProcessBuilder("kill", "-STOP", pid).start().waitFor();
        Instant stopped = Instant.now();
        Thread.sleep(how.toMillis());
        faultAt.set(Instant.now());
        new ProcessBuilder("kill", "-CONT", pid).start().waitFor();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (recoveredAt.get() == null) {
            assertThat(Instant.now()).as("writes succeed again after SIGCONT").isBefore(deadline);
            Thread.sleep(50);
        }
        faultAt.set(Instant.MAX);
        return String.format("SIGSTOP store %d s: writes again %.1f s after SIGCONT, longest request %.1f s, "
                        + "%d requests past %d s", how.toSeconds(),
                Duration.between(stopped.plus(how), recoveredAt.get()).toMillis() / 1000.0,
                longestMillis.get() / 1000.0, hung.get() - hungBefore, REQUEST_TIMEOUT.toSeconds());
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (acknowledged.size() < count) {
            assertThat(Instant.now()).as("%d cases acknowledged", count).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Every acknowledged case read back through the gateway, once the views have caught up. */
    private Map<String, int[]> readBack() throws Exception {
        String token = platform.launcher("token", "first-line").trim();
        Set<UUID> missing = new HashSet<>(acknowledged);
        Map<UUID, Integer> lastAnswers = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            for (UUID caseId : List.copyOf(missing)) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(platform.gateway() + "/api/cases/" + caseId)).timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    missing.remove(caseId);
                }
                lastAnswers.put(caseId, response.statusCode());
            }
            if (!missing.isEmpty()) {
                Thread.sleep(1_000);
            }
        }
        Map<String, int[]> found = new LinkedHashMap<>();
        found.put("acknowledged", new int[] {acknowledged.size()});
        found.put("found", new int[] {acknowledged.size() - missing.size()});
        found.put("lost", new int[] {missing.size()});
        if (!missing.isEmpty()) {
            System.out.println("lost: " + missing);
            // only "no such case" tells of a loss; a refusal (429, 503) says nothing about the case
            assertThat(missing).as("acknowledged cases that could not be read back (last answers)")
                    .allSatisfy(caseId -> assertThat(lastAnswers.get(caseId)).isEqualTo(404));
        }
        return found;
    }

    private void printTable(List<Round> table, Map<String, int[]> found, String frozen,
                            Map<String, String> projections) {
        StringBuilder out = new StringBuilder("\n| killed (SIGKILL) | rounds | writes again after (s): min / median / max |\n"
                + "|---|---|---|\n");
        for (String target : TARGETS) {
            List<Double> seconds = table.stream().filter(r -> r.target().equals(target))
                    .map(Round::secondsUntilWrites).sorted().toList();
            out.append(String.format("| %s | %d | %.1f / %.1f / %.1f |%n", target, seconds.size(), seconds.get(0),
                    seconds.get(seconds.size() / 2), seconds.get(seconds.size() - 1)));
        }
        out.append(String.format("%n%s%n%ncases: %d requests, %d acknowledged (201), %d found afterwards, "
                        + "%d LOST; refused or failed while a component was down: %d; hung past %d s: %d%n",
                frozen, attempts.get(), found.get("acknowledged")[0], found.get("found")[0], found.get("lost")[0],
                refused.get(), REQUEST_TIMEOUT.toSeconds(), hung.get()));
        out.append("answers: ").append(new java.util.TreeMap<>(statuses)).append('\n');
        projections.forEach((name, line) -> out.append(name).append(": ").append(line).append('\n'));
        System.out.println(out);
        try {
            Path report = LocalPlatform.REPOSITORY.resolve("infra/target/fault-suite.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, out.toString());
        } catch (IOException e) {
            System.out.println("could not write the report: " + e);
        }
    }
}
