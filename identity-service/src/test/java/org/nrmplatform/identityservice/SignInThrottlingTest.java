package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Guessing at the token endpoint and the sign-in form, over real HTTP: after two free failures in a row each
 * further one makes the name wait (even the right secret is refused meanwhile), the fourth locks a known client or
 * account (an event in its history), and the fifth attempt, right or wrong, is a 429 problem with Retry-After
 * until an administrator lifts the lock (a browser's sign-in form is sent back to the sign-in page, which says
 * why). A wrong secret of an unknown client id costs the same hashing as one of a known client (the loop prints
 * both).
 */
class SignInThrottlingTest extends IdentityServiceTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void throttling(DynamicPropertyRegistry registry) {
        registry.add("nrm.identity.throttling.backoff-after", () -> "2");
        registry.add("nrm.identity.throttling.backoff-base", () -> "1s");
        registry.add("nrm.identity.throttling.lock-after", () -> "4");
        registry.add("nrm.identity.throttling.lock-for", () -> "15m");
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void theFifthSecretOfAClientIsRefusedUntilAnAdministratorLiftsTheLock() throws Exception {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String clientId = "guessed-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = admin.post("/api/identity/clients", Map.of("organisationId", IdentityApiTest.DEMO_SHELTER,
                "clientId", clientId, "roles", List.of("service-provider"))).body().get("clientSecret").asString();
        awaitProcessing().until(() -> admin.get("/api/identity/clients/" + clientId).status() == 200);
        double lockedBefore = throttled("token", "locked");

        assertThat(oauth.clientCredentials(clientId, "wrong-1").status()).isEqualTo(401);
        assertThat(oauth.clientCredentials(clientId, "wrong-2").status()).isEqualTo(401);
        assertThat(oauth.clientCredentials(clientId, "wrong-3").status()).isEqualTo(401);
        // the third failure in a row earns a second of back-off: even the right secret waits
        OAuthClient.Answer backoff = oauth.clientCredentials(clientId, secret);
        assertRefused(backoff.status(), backoff.header("Content-Type"), backoff.body(), "each further failure");
        assertThat(backoff.header("Retry-After")).isEqualTo("1");
        Thread.sleep(1000L * Long.parseLong(backoff.header("Retry-After")));
        assertThat(oauth.clientCredentials(clientId, "wrong-4").status()).isEqualTo(401);

        OAuthClient.Answer locked = oauth.clientCredentials(clientId, secret);

        assertRefused(locked.status(), locked.header("Content-Type"), locked.body(), "locked");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(880L, 900L);
        assertThat(throttled("token", "locked")).isEqualTo(lockedBefore + 1);
        assertThat(kinds(admin.get("/api/identity/clients/" + clientId + "/history").body()))
                .containsExactly("CREATED", "LOCKED");

        assertThat(admin.post("/api/identity/clients/" + clientId + "/unlocking", Map.of("reason", "new secret sent"))
                .status()).isEqualTo(200);

        assertThat(oauth.clientCredentials(clientId, secret).status()).isEqualTo(200);
        JsonNode history = admin.get("/api/identity/clients/" + clientId + "/history").body();
        assertThat(kinds(history)).containsExactly("CREATED", "LOCKED", "UNLOCKED");
        JsonNode unlocked = history.get("changes").get(2);
        assertThat(unlocked.get("note").asString()).isEqualTo("new secret sent");
        assertThat(unlocked.get("by").get("clientId").asString()).isEqualTo("demo-administrator");
        assertThat(admin.post("/api/identity/clients/" + clientId + "/unlocking", Map.of()).status())
                .as("not locked any more").isEqualTo(409);
    }

    @Test
    void theFifthPasswordOfAnAccountIsRefusedUntilAnAdministratorLiftsTheLock() throws Exception {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String username = "guessed." + UUID.randomUUID().toString().substring(0, 8);
        String userId = admin.post("/api/identity/users", IdentityApiTest.user(null,
                IdentityApiTest.DEMO_SOCIAL_WELFARE, username, List.of("case-manager"))).body().get("userId").asString();
        String password = "river boat at dawn 1987";
        awaitProcessing().until(() -> admin.get("/api/identity/users/" + userId).status() == 200);

        assertThat(signIn(username, "wrong 1").header("Location")).endsWith("/login?error");
        assertThat(signIn(username, "wrong 2").header("Location")).endsWith("/login?error");
        assertThat(signIn(username, "wrong 3").header("Location")).endsWith("/login?error");
        // a browser is sent back to the sign-in page, which says why in its language; any other caller gets a 429
        OAuthClient.Answer backoff = signIn(username, password);
        assertThat(backoff.status()).isEqualTo(302);
        assertThat(backoff.header("Location")).endsWith("/login?wait=1");
        assertThat(new OAuthClient(baseUrl()).get(backoff.header("Location"), Map.of("Accept", "text/html",
                "Accept-Language", "sq")).raw().body()).contains("id=\"sign-in-wait\"", "Prisni 1 s");
        Thread.sleep(1000);
        assertThat(signIn(username, "wrong 4").header("Location")).endsWith("/login?error");

        OAuthClient.Answer locked = signIn(username, password);

        assertThat(locked.header("Location")).endsWith("/login?locked");
        assertThat(new OAuthClient(baseUrl()).get(locked.header("Location"), Map.of("Accept", "text/html",
                "Accept-Language", "mk")).raw().body()).contains("id=\"sign-in-locked\"", "сметката е заклучена");
        OAuthClient.Answer lockedForAClient = signInAsAClient(username, password);
        assertRefused(lockedForAClient.status(), lockedForAClient.header("Content-Type"), lockedForAClient.body(),
                "locked");
        assertThat(Long.parseLong(lockedForAClient.header("Retry-After"))).isBetween(880L, 900L);
        JsonNode lock = admin.get("/api/identity/users/" + userId + "/history").body().get("changes").get(1);
        assertThat(lock.get("kind").asString()).isEqualTo("LOCKED");
        assertThat(lock.get("note").asString()).startsWith("4 failed sign-ins in a row; locked until ");

        assertThat(admin.post("/api/identity/users/" + userId + "/unlocking", null).status()).isEqualTo(200);

        assertThat(signIn(username, password).header("Location")).doesNotContain("error");
        assertThat(kinds(admin.get("/api/identity/users/" + userId + "/history").body()))
                .containsExactly("CREATED", "LOCKED", "UNLOCKED");
    }

    @Test
    void onlyAnAdministratorLiftsALock() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String clientId = "demo-" + Role.MONITOR.code();
        for (Role role : Role.values()) {
            if (role != Role.ADMINISTRATOR) {
                assertThat(as(role).post("/api/identity/clients/" + clientId + "/unlocking", Map.of()).status())
                        .as(role.code()).isEqualTo(403);
            }
        }
        assertThat(anonymous.post("/api/identity/clients/" + clientId + "/unlocking", Map.of()).status())
                .isEqualTo(401);
        assertThat(admin.post("/api/identity/clients/" + clientId + "/unlocking", Map.of()).status())
                .as("the demo monitor's client is not locked").isEqualTo(409);
    }

    /**
     * Measures, not asserts: a wrong secret for a client id that exists and for one that does not should take the
     * same time (both check an Argon2 hash). The right secret after each wrong one keeps the client out of back-off.
     */
    @Test
    void aWrongSecretTakesAsLongForAnUnknownClientIdAsForAKnownOne() {
        String known = "demo-" + Role.MONITOR.code();
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            assertThat(oauth.clientCredentials(known, "not-the-secret").status()).isEqualTo(401);
            knownNanos.add(System.nanoTime() - start);
            assertThat(oauth.clientCredentials(known, known + "-secret").status()).isEqualTo(200);
            start = System.nanoTime();
            OAuthClient.Answer unknown = oauth.clientCredentials("no-such-client-" + UUID.randomUUID(), "whatever");
            unknownNanos.add(System.nanoTime() - start);
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.body().get("error").asString()).isEqualTo("invalid_client");
        }
        System.out.printf("wrong secret, 25 tries each after 5 warm-up: known client id p50 %.1f ms, unknown %.1f ms%n",
                median(knownNanos.subList(5, 25)), median(unknownNanos.subList(5, 25)));
    }

    private OAuthClient.Answer signIn(String username, String password) {
        OAuthClient browser = new OAuthClient(baseUrl());
        Matcher csrf = CSRF.matcher(browser.get("/login", Map.of("Accept", "text/html")).raw().body());
        assertThat(csrf.find()).isTrue();
        return browser.postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)),
                Map.of("Accept", "text/html"));
    }

    /** The sign-in form sent by a caller that does not ask for HTML. */
    private OAuthClient.Answer signInAsAClient(String username, String password) {
        OAuthClient caller = new OAuthClient(baseUrl());
        Matcher csrf = CSRF.matcher(caller.get("/login", Map.of("Accept", "text/html")).raw().body());
        assertThat(csrf.find()).isTrue();
        return caller.postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)),
                Map.of("Accept", "application/json"));
    }

    private static void assertRefused(int status, String contentType, JsonNode problem, String why) {
        assertThat(status).isEqualTo(429);
        assertThat(contentType).isEqualTo("application/problem+json");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString()).contains(why);
    }

    private static List<String> kinds(JsonNode history) {
        return history.get("changes").valueStream().map(change -> change.get("kind").asString()).toList();
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private double throttled(String endpoint, String reason) {
        Counter counter = meters.find("nrm.throttled").tag("endpoint", endpoint).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
