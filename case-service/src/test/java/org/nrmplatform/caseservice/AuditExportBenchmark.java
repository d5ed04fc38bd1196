package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.store.CheckpointWriter;
import org.nrmplatform.shared.testing.TestTokens;
import org.nrmplatform.verifier.ExportVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The court export of a case with 1,000 events: size and time of the JSON and the PDF over HTTP, the
 * verification of the case from the store, and the offline verifier on the export; each the best and the
 * median of five. Prints a table and writes it, with the export and its PDF, to target/benchmark/.
 * {@code mvn -pl case-service -am -Pbenchmark test -Dtest=AuditExportBenchmark}; not part of the default run.
 */
@Tag("benchmark")
@TestPropertySource(properties = "nrm.evidence.checkpoints.settle=0s")
class AuditExportBenchmark extends ApiTest {

    private static final int EVENTS = 1_000;
    private static final int RUNS = 5;
    private static final String PROSECUTORS = "0f6a3c1e-6666-4a2b-9c3d-000000000006";

    @Autowired
    CheckpointWriter checkpoints;

    private record Timed(double bestMillis, double medianMillis) {
    }

    @Test
    void exportAndVerifyACaseOfAThousandEvents() throws Exception {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        for (int i = 1; i < EVENTS - 1; i++) {
            assertThat(firstLine.post("/api/cases/" + caseId + "/consents", CaseRequests.consent(UUID.randomUUID()))
                    .status()).isEqualTo(201);
        }
        assertThat(as(Role.PROSECUTOR, PROSECUTORS).post("/api/cases/" + caseId + "/legal-basis",
                CaseRequests.legalBasis()).status()).isEqualTo(201);
        long checkpointStart = System.nanoTime();
        assertThat(checkpoints.write()).isPresent();
        double checkpointMillis = (System.nanoTime() - checkpointStart) / 1e6;

        Path out = Path.of("target", "benchmark");
        Files.createDirectories(out);
        byte[][] last = new byte[2][];
        Timed json = time(() -> last[0] = download(caseId, "json"));
        Timed pdf = time(() -> last[1] = download(caseId, "pdf"));
        Files.write(out.resolve("court-export.json"), last[0]);
        Files.write(out.resolve("court-export.pdf"), last[1]);
        Timed verification = time(() -> {
            assertThat(operator().post("/api/audit/verification", Map.of("caseId", caseId.toString()))
                    .body().at("/report/status").asString()).isEqualTo("INTACT");
            return null;
        });
        Path key = out.resolve("checkpoint-public-key.pem");
        Files.writeString(key, firstLine.get("/api/audit/public-key").body().get("publicKey").asString());
        Path export = out.resolve("court-export.json");
        Timed offline = time(() -> {
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(report, true, StandardCharsets.UTF_8);
            assertThat(ExportVerifier.run(new String[]{export.toString(), "--public-key", key.toString()}, print, print))
                    .as(report.toString(StandardCharsets.UTF_8)).isZero();
            return null;
        });

        String table = String.join("\n",
                "Court export of a case with " + EVENTS + " events (embedded in-memory store, this JVM), best / median of "
                        + RUNS + ":",
                "| what | size | best (ms) | median (ms) |",
                "|---|---|---|---|",
                row("export, JSON over HTTP", last[0].length, json),
                row("export, PDF over HTTP", last[1].length, pdf),
                row("verification of the case from the store (POST /api/audit/verification)", -1, verification),
                row("offline verifier on the JSON export (in-process)", -1, offline),
                String.format(Locale.ROOT, "| first checkpoint over the store | | %.1f | |", checkpointMillis)) + "\n";
        System.out.println(table);
        Files.writeString(out.resolve("court-export.md"), table);
    }

    private org.nrmplatform.shared.testing.ApiClient operator() {
        return as(Role.OPERATOR, OTHER_POLICE);
    }

    private static String row(String what, long bytes, Timed timed) {
        return String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f |", what,
                bytes < 0 ? "" : String.format(Locale.ROOT, "%,d bytes", bytes), timed.bestMillis(), timed.medianMillis());
    }

    private static Timed time(Supplier<?> run) throws Exception {
        run.get(); // warm-up
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        return new Timed(millis.get(0), millis.get(RUNS / 2));
    }

    private byte[] download(UUID caseId, String format) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + port + "/api/cases/" + caseId + "/audit-export?format=" + format))
                    .header("Authorization", "Bearer " + TestTokens.get().forRole(Role.PROSECUTOR, PROSECUTORS))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
