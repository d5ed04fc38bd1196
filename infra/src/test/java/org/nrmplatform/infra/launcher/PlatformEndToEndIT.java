package org.nrmplatform.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nrmplatform.infra.launcher.LocalPlatform.openCase;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the whole platform the way a newcomer does ({@code infra/nrm up} on the embedded store, with its
 * demo NRM), drives a case from screening to closure through the gateway with the demo roles' tokens
 * ({@code infra/nrm token <role>}), restarts everything and reads the same case and history back. Free
 * ports and a temporary data directory keep it apart from a platform already running. Then kills the store and
 * brings it back with {@code infra/nrm up} alone, while the services stay up.
 */
class PlatformEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // the journey closes the case through the API clients of the demo: nothing held for approval here (the browser
    // suite takes a closure through approval)
    @RegisterExtension
    final LocalPlatform platform = new LocalPlatform().withEnvironment("NRM_APPROVALS_REQUIRED", "");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> tokens = new HashMap<>();

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @Test
    void aCaseSurvivesARestartOfTheWholePlatform() throws Exception {
        long coldStart = System.nanoTime();
        String started = platform.launcher("up");
        System.out.printf("platform cold start: %.1f s%n", (System.nanoTime() - coldStart) / 1e9);
        assertThat(started).contains("NRM platform is up").contains(platform.gateway());

        assertThat(get("/api/cases", null).status()).as("no token, no answer").isEqualTo(401);
        String firstLine = token("first-line");
        String caseManager = token("case-manager");
        String authority = token("identification-authority");
        String socialWelfare = get("/api/identity/organisations?type=social-welfare", firstLine).body()
                .at("/items/0/id").asString();
        String shelter = get("/api/identity/organisations?type=shelter", firstLine).body()
                .at("/items/0/id").asString();

        UUID caseId = UUID.randomUUID();
        String correlationId = "e2e-" + caseId;
        Answer opened = post("/api/cases", openCase(caseId), correlationId, firstLine);
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.raw().headers().firstValue("X-Correlation-Id")).contains(correlationId);

        assertThat(post("/api/cases/" + caseId + "/indicator-assessments", Map.of("indicatorSetId", "labour-v1",
                "answers", Map.of("LAB-01", "PRESENT", "LAB-02", "PRESENT"),
                "assessedAt", Instant.now().minus(5, ChronoUnit.MINUTES).toString()), null, firstLine).status())
                .isEqualTo(201);
        assertThat(post("/api/cases/" + caseId + "/presumed-victim", Map.of("grounds",
                "Documents withheld; wages unpaid", "responsibleOrganisationId", socialWelfare), null, firstLine)
                .status()).isEqualTo(200);
        assertThat(post("/api/cases/" + caseId + "/reflection-period", Map.of("startDate", LocalDate.now().toString(),
                "legalEndDate", LocalDate.now().plusDays(90).toString()), null, caseManager).status()).isEqualTo(200);
        assertThat(post("/api/cases/" + caseId + "/identification-decision", Map.of("outcome", "IDENTIFIED",
                "reasons", "Forced labour established", "typesOfExploitation", List.of("ForcedLabour"),
                "methodsOfControl", List.of("WithholdsDocuments")), null, authority).status()).isEqualTo(200);
        assertThat(post("/api/cases/" + caseId + "/consents", Map.of("decision", "GIVEN", "purposes",
                List.of("REFERRAL"), "serviceTypes", List.of("SAFE_ACCOMMODATION"),
                "recipientOrganisationId", shelter), null, caseManager).status()).isEqualTo(201);
        Answer closed = post("/api/cases/" + caseId + "/closure", Map.of("reason", "REINTEGRATED"), null,
                caseManager);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().get("version").asLong()).isEqualTo(6);

        JsonNode view = awaitClosed(caseId, caseManager);
        JsonNode history = get("/api/cases/" + caseId + "/history", caseManager).body();
        assertThat(history.get("events").size()).isEqualTo(7);
        assertThat(history.at("/events/0/metadata/correlationId").asString()).isEqualTo(correlationId);
        assertThat(history.at("/events/0/metadata/clientId").asString()).isEqualTo("demo-first-line");
        assertThat(history.at("/events/4/metadata/roles/0").asString()).isEqualTo("identification-authority");
        assertThat(get("/api/cases/" + caseId, token("service-provider")).status())
                .as("a shelter finds no case that was not referred to it").isEqualTo(404);

        Answer unknown = get("/api/no-such-thing", caseManager);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw().headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");

        aRevokedTokenIsRefusedByTheGatewayAndTheServicesWithinFiveSeconds();
        theStoreAnswersOnlyThePlatformAndHoldsNoSigningKeyInClear();
        thePublicPagesNameOnlyTheGatewayAndCarryAPolicy();

        platform.launcher("down");
        long restart = System.nanoTime();
        platform.launcher("up");
        System.out.printf("platform restart: %.1f s%n", (System.nanoTime() - restart) / 1e9);

        tokens.clear();
        String caseManagerAgain = token("case-manager");
        assertThat(get("/api/cases/" + caseId, caseManager).status())
                .as("a token issued before the restart is still valid: the signing key persisted").isEqualTo(200);
        Answer afterRestart = get("/api/cases/" + caseId, caseManagerAgain);
        assertThat(afterRestart.status()).isEqualTo(200);
        assertThat(afterRestart.body()).isEqualTo(view);
        assertThat(get("/api/cases/" + caseId + "/history", caseManagerAgain).body()).isEqualTo(history);
        assertThat(post("/api/cases/" + caseId + "/closure", Map.of("reason", "REINTEGRATED"), null,
                caseManagerAgain).status()).as("the restarted platform still knows the case is closed").isEqualTo(409);

        // recovery without a full restart: the store is killed; 'up' starts it alone, and the services, left
        // running, reconnect by themselves
        Path run = platform.dataDirectory().resolve("run");
        ProcessHandle store = ProcessHandle.of(Long.parseLong(Files.readString(run.resolve("store.pid")).trim()))
                .orElseThrow();
        store.destroyForcibly(); // SIGKILL
        store.onExit().get(30, TimeUnit.SECONDS);
        assertThat(platform.launcher("status"))
                .containsPattern("store +- +\\d+ +not running \\(pid \\d+ in its pid file is gone");
        long storeRestart = System.nanoTime();
        String recovered = platform.launcher("up");
        System.out.printf("store restart with the services left running: %.1f s%n",
                (System.nanoTime() - storeRestart) / 1e9);
        assertThat(recovered).contains("Starting store; leaving case-service referral-service identity-service "
                + "gateway web running.").doesNotContain("Starting case-service");
        UUID afterStoreRestart = UUID.randomUUID();
        assertThat(post("/api/cases", openCase(afterStoreRestart), null, token("first-line")).status())
                .as("a write once 'up' has returned").isEqualTo(201);
        Instant deadline = Instant.now().plusSeconds(60);
        while (get("/api/cases/" + afterStoreRestart, token("first-line")).status() != 200) {
            assertThat(Instant.now()).as("the projections take the new case in").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * A local process without the launcher's credentials reads nothing from the store; with them, every token
     * signing key is sealed. The generated secrets are readable by their owner only.
     */
    private void theStoreAnswersOnlyThePlatformAndHoldsNoSigningKeyInClear() throws Exception {
        try (MongoClient outsider = MongoClients.create("mongodb://127.0.0.1:" + platform.storePort())) {
            assertThatThrownBy(() -> outsider.getDatabase("nrm_identity").getCollection("signing_keys").find().first())
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            refused -> assertThat(refused.getErrorCode()).isEqualTo(13));
        }
        try (MongoClient guessing = MongoClients.create("mongodb://nrm:not-the-password-at-all@127.0.0.1:"
                + platform.storePort())) {
            assertThatThrownBy(() -> guessing.listDatabaseNames().first()).isInstanceOf(MongoSecurityException.class);
        }
        try (MongoClient operator = MongoClients.create(platform.storeUri())) {
            List<org.bson.Document> keys = operator.getDatabase("nrm_identity").getCollection("signing_keys").find()
                    .into(new java.util.ArrayList<>());
            assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key.getString("jwk")).startsWith("aes-gcm:"));
        }
        for (String secret : List.of("store-password", "identity-key-encryption-key", "privacy-master-key",
                "matching-key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    platform.dataDirectory().resolve(secret)))).as(secret).isEqualTo("rw-------");
        }
    }

    /** The API documents, read through the gateway or at a service's own port, name only the gateway. */
    private void thePublicPagesNameOnlyTheGatewayAndCarryAPolicy() throws Exception {
        for (String document : List.of(platform.gateway() + "/openapi/case-service",
                platform.gateway() + "/openapi/identity-service",
                "http://127.0.0.1:" + platform.casePort() + "/v3/api-docs")) {
            Answer answer = send(HttpRequest.newBuilder(URI.create(document)).GET());
            assertThat(answer.status()).as(document).isEqualTo(200);
            assertThat(answer.body().get("servers").valueStream().map(server -> server.get("url").asString()))
                    .as(document).containsExactly(platform.gateway());
        }
        for (String page : List.of("/login", "/swagger-ui/index.html")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(platform.gateway() + page))
                    .header("Accept", "text/html").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.headers().allValues("Content-Security-Policy")).as(page).hasSize(1)
                    .allSatisfy(policy -> assertThat(policy).contains("frame-ancestors 'none'"));
        }
    }

    /** The whole chain: identity-service records the revocation, the gateway and case-service read it. */
    private void aRevokedTokenIsRefusedByTheGatewayAndTheServicesWithinFiveSeconds() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                "demo-case-manager:demo-case-manager-secret".getBytes(StandardCharsets.UTF_8));
        String token = form("/oauth2/token", "grant_type=client_credentials", basic).body().get("access_token")
                .asString();
        String caseService = "http://127.0.0.1:" + platform.casePort();
        assertThat(get("/api/cases", token).status()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create(caseService + "/api/cases"))
                .header("Authorization", "Bearer " + token).GET()).status()).isEqualTo(200);

        assertThat(form("/oauth2/revoke", "token=" + token, basic).status()).isEqualTo(200);
        long revoked = System.nanoTime();
        boolean gatewayRefuses = false;
        boolean serviceRefuses = false;
        while (!(gatewayRefuses && serviceRefuses)) {
            assertThat(Duration.ofNanos(System.nanoTime() - revoked)).as("refused within 5 s")
                    .isLessThan(Duration.ofSeconds(5));
            if (!gatewayRefuses && get("/api/cases", token).status() == 401) {
                gatewayRefuses = true;
                System.out.printf("the gateway refused the revoked token %d ms after the revocation%n",
                        (System.nanoTime() - revoked) / 1_000_000);
            }
            if (!serviceRefuses && send(HttpRequest.newBuilder(URI.create(caseService + "/api/cases"))
                    .header("Authorization", "Bearer " + token).GET()).status() == 401) {
                serviceRefuses = true;
                System.out.printf("case-service refused the revoked token %d ms after the revocation%n",
                        (System.nanoTime() - revoked) / 1_000_000);
            }
            Thread.sleep(20);
        }
    }

    private Answer form(String path, String form, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private String token(String role) throws IOException, InterruptedException {
        if (!tokens.containsKey(role)) {
            tokens.put(role, platform.launcher("token", role).trim());
        }
        return tokens.get(role);
    }

    /**
     * Waits for the case view to show the closure while case-service's processors move (their positions in its
     * health details); fails once they stood still for 90 s, not after a fixed time, so a loaded machine passes.
     */
    private JsonNode awaitClosed(UUID caseId, String token) throws Exception {
        String processors = caseProcessors();
        Instant moved = Instant.now();
        while (true) {
            Answer view = get("/api/cases/" + caseId, token);
            if (view.status() == 200 && view.body().get("closed").asBoolean()) {
                return view.body();
            }
            String now = caseProcessors();
            if (!now.equals(processors)) {
                processors = now;
                moved = Instant.now();
            }
            assertThat(Instant.now()).as("case-service's processors moved in the last 90 s (%s)", processors)
                    .isBefore(moved.plusSeconds(90));
            Thread.sleep(200);
        }
    }

    private String caseProcessors() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + platform.casePort() + "/actuator/health")).GET();
        JsonNode health = send(request).body();
        return health == null ? "" : String.valueOf(health.at("/components/eventProcessors/details"));
    }

    private Answer get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private Answer post(String path, Object body, String correlationId, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body, response);
    }
}
