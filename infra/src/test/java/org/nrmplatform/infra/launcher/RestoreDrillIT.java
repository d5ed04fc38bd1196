package org.nrmplatform.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrmplatform.infra.launcher.LocalPlatform.openCase;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The restore drill (README, "Backup and restore"): a backup restored into a new data directory, with its keys, and
 * the platform started there must hold every case acknowledged before the backup began, every stream of the store
 * (the verification of the whole store) must verify against the latest checkpoint with the restored checkpoint key, and every projection must hold exactly the
 * cases the store holds. Prints its figures and writes them to {@code infra/target/restore-drill.md}.
 *
 * <p>As a test it makes its own backup: a platform started with {@code infra/nrm up} takes cases from two writers
 * while {@code infra/nrm backup} runs. As the drill ({@code infra/nrm restore-drill DIR --keys KEYS}) it restores
 * the backup named by {@code restore.drill.backup} and {@code restore.drill.keys} instead.
 */
class RestoreDrillIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WRITERS = 2;
    private static final String PASSPHRASE = "a passphrase only this test knows";
    /** Seconds each component may take to start: on a machine shared by several builds, more than the default. */
    private static final String START_TIMEOUT = "330";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> figures = new ArrayList<>();

    @Test
    void aBackupTakenWhileCasesAreOpenedRestoresIntoANewDataDirectoryAndVerifies() throws Exception {
        String givenBackup = System.getProperty("restore.drill.backup");
        Path backup;
        Path keys;
        Set<UUID> before = Set.of();
        String sourceKeyId = null;
        LocalPlatform source = null;
        Path work = Files.createTempDirectory("nrm-restore-drill");
        try {
            if (givenBackup != null && !givenBackup.isBlank()) {
                backup = Path.of(givenBackup);
                keys = Path.of(System.getProperty("restore.drill.keys"));
                figures.add("backup: " + backup + " (given)");
            } else {
                source = new LocalPlatform().withEnvironment("NRM_START_TIMEOUT", START_TIMEOUT)
                        // checkpoints every 5 s over events older than 1 s, so that the backup holds one
                        .withEnvironment("NRM_EVIDENCE_CHECKPOINTS_INTERVAL", "5s")
                        .withEnvironment("NRM_EVIDENCE_CHECKPOINTS_SETTLE", "1s")
                        .withEnvironment("NRM_BACKUP_PASSPHRASE", PASSPHRASE);
                source.prepare();
                try {
                    source.launcher("up");
                    sourceKeyId = publicKeyId(source);
                    backup = work.resolve("backup");
                    keys = work.resolve("keys");
                    LocalPlatform from = source;
                    Path into = backup;
                    before = backUpWhileWriting(source, source.storeUri(),
                            () -> from.launcher("backup", into.toString()), keys);
                    source.launcher("down");
                } catch (Throwable e) {
                    source.downKeepingEverything();
                    throw e;
                }
            }

            LocalPlatform target = new LocalPlatform().withEnvironment("NRM_START_TIMEOUT", START_TIMEOUT);
            if (source != null) {
                target.withEnvironment("NRM_BACKUP_PASSPHRASE", PASSPHRASE);
            }
            target.prepare();
            try {
                Path from = backup;
                // the embedded store's address (and its generated password) exist once the restore wrote them
                restoreAndCheck(target, null, () -> target.launcher("restore", from.toString()), keys, before,
                        sourceKeyId);
                target.downAndRemove();
            } catch (Throwable e) {
                target.downKeepingEverything();
                throw e;
            }
            if (source != null) {
                source.downAndRemove();
                delete(work);
            }
        } finally {
            report("restore-drill.md");
        }
    }

    /** Prints the drill's figures and keeps them in {@code infra/target}. */
    private void report(String name) throws IOException {
        String report = String.join("\n", figures) + "\n";
        System.out.println("\nrestore drill:\n" + report);
        Path file = LocalPlatform.REPOSITORY.resolve("infra/target/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    /**
     * The same drill on MongoDB, with its own tools (README, "Backup and restore", "On MongoDB"): the platform runs on
     * one replica set and takes cases from two writers while {@code mongodump --oplog} runs; the archive is restored
     * with {@code mongorestore --oplogReplay} into a second, fresh one, the keys with {@code infra/nrm restore
     * --keys}, and the platform started there passes the same checks. Where this machine has no MongoDB it is
     * skipped and says why ({@link MongoDbPair}).
     */
    @Test
    void onMongoDbABackupByItsOwnToolsWhileServingRestoresIntoAFreshMongoDbAndVerifies() throws Exception {
        try (MongoDbPair mongo = MongoDbPair.find()) {
            figures.add("on MongoDB: " + mongo.describe());
            Path work = Files.createTempDirectory("nrm-restore-drill-mongodb");
            Path archive = work.resolve("nrm-mongodb.archive.gz");
            Path keys = work.resolve("keys");
            LocalPlatform source = new LocalPlatform().withEnvironment("NRM_START_TIMEOUT", START_TIMEOUT)
                    .withEnvironment("NRM_STORE_URI", mongo.sourceUri())
                    .withEnvironment("NRM_EVIDENCE_CHECKPOINTS_INTERVAL", "5s")
                    .withEnvironment("NRM_EVIDENCE_CHECKPOINTS_SETTLE", "1s")
                    .withEnvironment("NRM_BACKUP_PASSPHRASE", PASSPHRASE);
            source.prepare();
            Set<UUID> before;
            String sourceKeyId;
            try {
                source.launcher("up");
                sourceKeyId = publicKeyId(source);
                before = backUpWhileWriting(source, mongo.sourceUri(), () -> {
                    mongo.dump(archive);
                    return "backup done: mongodump --oplog --gzip --archive, " + Files.size(archive) + " bytes";
                }, keys);
                source.launcher("down");
            } catch (Throwable e) {
                source.downKeepingEverything();
                throw e;
            }

            LocalPlatform target = new LocalPlatform().withEnvironment("NRM_START_TIMEOUT", START_TIMEOUT)
                    .withEnvironment("NRM_STORE_URI", mongo.targetUri())
                    .withEnvironment("NRM_BACKUP_PASSPHRASE", PASSPHRASE);
            target.prepare();
            try {
                restoreAndCheck(target, mongo.targetUri(), () -> {
                    mongo.restore(archive);
                    return "restored into " + MongoDbPair.masked(mongo.targetUri())
                            + " with mongorestore --oplogReplay --drop";
                }, keys, before, sourceKeyId);
                target.downAndRemove();
            } catch (Throwable e) {
                target.downKeepingEverything();
                throw e;
            }
            source.downAndRemove();
            delete(work);
        } finally {
            report("restore-drill-mongodb.md");
        }
    }

    /** Takes a backup or restores one, and answers the launcher's or the tool's account of it. */
    @FunctionalInterface
    private interface Step {
        String run() throws Exception;
    }

    /** Opens cases from two writers, takes the backup and the keys' backup meanwhile; the cases acknowledged before. */
    private Set<UUID> backUpWhileWriting(LocalPlatform source, String storeUri, Step backup, Path keys)
            throws Exception {
        String token = source.launcher("token", "first-line").trim();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int i = 0; i < WRITERS; i++) {
            writers.submit(() -> write(source, token, writing));
        }
        Set<UUID> before;
        try (MongoClient client = MongoClients.create(storeUri)) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            // a checkpoint that covers cases, so that the restored streams verify against one the backup holds
            while (acknowledged.size() < 60 || client.getDatabase("nrm_events").getCollection("checkpoints")
                    .countDocuments(Filters.and(Filters.eq("complete", true), Filters.gt("streams", 10))) == 0) {
                assertThat(Instant.now()).as("cases opened and a checkpoint written within 3 minutes")
                        .isBefore(deadline);
                Thread.sleep(200);
            }
            before = new HashSet<>(acknowledged);
            Instant started = Instant.now();
            String printed = backup.run();
            long backupMillis = Duration.between(started, Instant.now()).toMillis();
            int during = acknowledged.size() - before.size();
            assertThat(printed).contains("backup done");
            figures.add(String.format("backup taken while 2 writers opened cases: %d cases acknowledged before "
                            + "it began, %d more during it; the backup took %.1f s", before.size(), during,
                    backupMillis / 1000.0));
            figures.add("  " + printed.lines().filter(line -> line.startsWith("backup done")).findFirst().orElseThrow());
        } finally {
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        source.launcher("backup", "--keys", keys.toString());
        return before;
    }

    private void write(LocalPlatform platform, String token, AtomicBoolean writing) {
        while (writing.get()) {
            UUID caseId = UUID.randomUUID();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(platform.gateway() + "/api/cases")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(openCase(caseId))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    acknowledged.add(caseId);
                }
            } catch (IOException e) {
                System.out.println("a case could not be opened: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * @param storeUri where the restored store answers, or null for the embedded store the launcher restored (its
     *                 address is known once it did)
     */
    private void restoreAndCheck(LocalPlatform target, String storeUri, Step restore, Path keys, Set<UUID> before,
                                 String sourceKeyId) throws Exception {
        Instant started = Instant.now();
        String restored = restore.run();
        long restoreMillis = Duration.between(started, Instant.now()).toMillis();
        target.launcher("restore", "--keys", keys.toString());
        started = Instant.now();
        target.launcher("up");
        long upMillis = Duration.between(started, Instant.now()).toMillis();
        figures.add(String.format("restore: %.1f s; infra/nrm up on it: %.1f s", restoreMillis / 1000.0,
                upMillis / 1000.0));
        figures.add("  " + restored.lines().filter(line -> line.startsWith("restored into")).findFirst().orElseThrow());

        if (sourceKeyId != null) {
            assertThat(publicKeyId(target)).as("the restored checkpoint key").isEqualTo(sourceKeyId);
        }
        Set<String> stored;
        long events;
        try (MongoClient client = MongoClients.create(storeUri != null ? storeUri : target.storeUri())) {
            stored = ProjectionChecks.casesOpenedInTheStore(client);
            events = client.getDatabase("nrm_events").getCollection("events").countDocuments();
            Set<String> missing = new HashSet<>();
            before.forEach(caseId -> missing.add(caseId.toString()));
            missing.removeAll(stored);
            assertThat(missing).as("cases acknowledged before the backup began, missing from the restored store")
                    .isEmpty();
            figures.add(String.format("restored store: %d cases, %d events; %s", stored.size(), events,
                    sourceKeyId == null ? "a given backup: which cases were acknowledged before it began is not "
                            + "known here" : "all " + before.size() + " cases acknowledged before the backup began "
                            + "are in it"));

            Map<String, String> projections = ProjectionChecks.compareWithTheStore(client);
            projections.forEach((name, line) -> figures.add("projection " + name + ": " + line));
            assertThat(projections.values()).as("projections that do not hold exactly the cases the store holds")
                    .allMatch(line -> line.startsWith("complete"));
        }

        String operator = target.launcher("token", "operator").trim();
        String firstLine = target.launcher("token", "first-line").trim();
        // every stream of the store, whatever it belongs to, and every stream the checkpoint signed
        started = Instant.now();
        JsonNode verification = JSON.readTree(send(target, operator, HttpRequest.newBuilder(
                URI.create(target.gateway() + "/api/audit/store-verifications"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202));
        URI progress = URI.create(target.gateway() + "/api/audit/store-verifications/"
                + verification.get("id").asString());
        while (verification.get("state").asString().equals("RUNNING")) {
            assertThat(Instant.now()).as("the whole store verified within 10 minutes")
                    .isBefore(started.plus(Duration.ofMinutes(10)));
            Thread.sleep(500);
            verification = JSON.readTree(send(target, operator, HttpRequest.newBuilder(progress).GET(), 200));
        }
        long verifyMillis = Duration.between(started, Instant.now()).toMillis();
        JsonNode report = verification.get("report");
        assertThat(verification.get("state").asString()).as(verification.toString()).isEqualTo("DONE");
        figures.add(String.format("chain verification of the whole store: %d streams, %d events, in %.1f s: %s",
                report.get("streams").asInt(), report.get("events").asInt(), verifyMillis / 1000.0,
                report.get("summary").asString()));
        assertThat(report.get("status").asString()).as(report.get("summary").asString()).isEqualTo("INTACT");
        assertThat(report.get("events").asLong()).as("every restored event verified").isGreaterThanOrEqualTo(events);
        if (!before.isEmpty()) {
            assertThat(report.get("checkpoint").isNull()).as("a checkpoint the backup holds").isFalse();
        }

        // the restored personal data opens with the restored master key: a case reads back, name and all
        for (UUID caseId : before) {
            String body = send(target, firstLine, HttpRequest.newBuilder(
                    URI.create(target.gateway() + "/api/cases/" + caseId)).GET(), 200);
            assertThat(body).as("case %s read back", caseId).contains("Petrović");
        }
    }

    private String send(LocalPlatform platform, String token, HttpRequest.Builder request, int expected)
            throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", response.request().uri(), response.body())
                .isEqualTo(expected);
        return response.body();
    }

    private String publicKeyId(LocalPlatform platform) throws Exception {
        String token = platform.launcher("token", "operator").trim();
        return JSON.readTree(send(platform, token, HttpRequest.newBuilder(
                URI.create(platform.gateway() + "/api/audit/public-key")).GET(), 200)).get("keyId").asString();
    }

    private static void delete(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
