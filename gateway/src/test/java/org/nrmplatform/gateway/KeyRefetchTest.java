package org.nrmplatform.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens naming key ids the gateway does not hold cost identity-service at most one key-set fetch per cool-down,
 * however many arrive, and a rotated key is still accepted once the cool-down has passed. The fetches are counted
 * at a real key-set endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyRefetchTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(4);
    private static final RSAKey signing = key("signing-" + UUID.randomUUID());
    private static final KeySetEndpoint keySet = new KeySetEndpoint(signing);
    private static final StubBackend caseService = new StubBackend("case-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("nrm.security.issuer", () -> StubTokenIssuer.ISSUER);
        registry.add("nrm.store.uri", TestStore::uri);
        registry.add("nrm.security.revocations-uri", () -> StubTokenIssuer.get().revocationsUri());
        registry.add("nrm.security.jwk-set-uri", keySet::uri);
        registry.add("nrm.security.key-refetch-cooldown", COOLDOWN::toString);
        registry.add("nrm.gateway.services.case-service", caseService::url);
        registry.add("nrm.gateway.services.referral-service", StubBackend::deadUrl);
        registry.add("nrm.gateway.services.identity-service", StubBackend::deadUrl);
    }

    @AfterAll
    static void stop() {
        caseService.close();
        keySet.server.stop(0);
    }

    private final int port;

    KeyRefetchTest(@LocalServerPort int port) {
        this.port = port;
    }

    @Test
    void unknownKeyIdsCostAtMostOneFetchPerCooldownAndARotatedKeyIsAcceptedAfterIt() throws InterruptedException {
        assertThat(call(sign(signing)).statusCode()).isEqualTo(200);
        Thread.sleep(COOLDOWN.toMillis()); // the keys in hand are now older than the cool-down
        int fetchesBefore = keySet.fetches.get();

        // a foreign key under 120 made-up key ids
        RSAKey foreign = key("foreign");
        long start = System.nanoTime();
        for (int i = 0; i < 120; i++) {
            RSAKey unknown = new RSAKey.Builder(foreign).keyID("unknown-" + i + "-" + UUID.randomUUID()).build();
            assertThat(call(sign(unknown)).statusCode()).as("token %d under an unknown key id", i).isEqualTo(401);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int fetched = keySet.fetches.get() - fetchesBefore;
        System.out.printf("key-set fetches for 120 tokens with unknown key ids in %d ms (cool-down %d s): %d%n",
                took.toMillis(), COOLDOWN.toSeconds(), fetched);
        assertThat(fetched).as("fetches within %s", took)
                .isBetween(1, 1 + (int) (took.toMillis() / COOLDOWN.toMillis()));

        // identity-service rotates: the new key signs from now on and is published beside the old one
        RSAKey rotated = key("rotated-" + UUID.randomUUID());
        keySet.publish(rotated, signing);
        String tokenOfTheNewKey = sign(rotated);
        int fetchesBeforeRotation = keySet.fetches.get();

        await().atMost(COOLDOWN.plusSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> call(tokenOfTheNewKey).statusCode() == 200);
        assertThat(keySet.fetches.get() - fetchesBeforeRotation).as("fetches to pick up the rotated key").isEqualTo(1);
        assertThat(call(sign(signing)).statusCode()).as("the previous key still verifies").isEqualTo(200);
    }

    private HttpResponse<String> call(String token) {
        return new GatewayClient(port, token).get("/api/cases/c-1");
    }

    private static String sign(RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                    StubTokenIssuer.get().claims().build());
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** identity-service's key set as the gateway fetches it, counting the fetches. */
    private static final class KeySetEndpoint {

        final AtomicInteger fetches = new AtomicInteger();
        final HttpServer server = StubBackend.loopbackServer();
        private volatile byte[] body;

        KeySetEndpoint(RSAKey key) {
            publish(key);
            server.createContext("/oauth2/jwks", exchange -> {
                fetches.incrementAndGet();
                byte[] keys = body;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(keys);
                }
            });
            server.start();
        }

        void publish(RSAKey... keys) {
            List<JWK> published = List.of(keys).stream().<JWK>map(RSAKey::toPublicJWK).toList();
            body = new JWKSet(published).toString().getBytes(StandardCharsets.UTF_8);
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
        }
    }
}
