package org.nrmplatform.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.accesstokens.TokenKeys;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The services' token check (the decoder {@link ResourceServerConfiguration} builds) against a real key-set
 * endpoint that counts its fetches: tokens under unknown key ids cost at most one fetch per cool-down, and a
 * rotated key is accepted once the cool-down has passed.
 */
class TokenKeysTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(3);

    private final RSAKey signing = key("signing-" + UUID.randomUUID());
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile byte[] published;
    private final HttpServer server = keySet();
    private final JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(TokenKeys.fetchedFrom(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks"), COOLDOWN).source()).build();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void unknownKeyIdsCostAtMostOneFetchPerCooldownAndARotatedKeyIsAcceptedAfterIt() throws InterruptedException {
        decoder.decode(sign(signing));
        Thread.sleep(COOLDOWN.toMillis()); // the keys in hand are now older than the cool-down
        int fetchesBefore = fetches.get();

        RSAKey foreign = key("foreign");
        long start = System.nanoTime();
        for (int i = 0; i < 150; i++) {
            String token = sign(new RSAKey.Builder(foreign).keyID("unknown-" + i + "-" + UUID.randomUUID()).build());
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                    .hasMessageContaining("no matching key");
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        int fetched = fetches.get() - fetchesBefore;
        System.out.printf("key-set fetches for 150 tokens with unknown key ids in %d ms (cool-down %d s): %d%n",
                tookMillis, COOLDOWN.toSeconds(), fetched);
        assertThat(fetched).isBetween(1, 1 + (int) (tookMillis / COOLDOWN.toMillis()));

        RSAKey rotated = key("rotated-" + UUID.randomUUID());
        publish(rotated, signing);
        String tokenOfTheNewKey = sign(rotated);
        int fetchesBeforeRotation = fetches.get();

        await().atMost(COOLDOWN.plusSeconds(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> decoder.decode(tokenOfTheNewKey) != null);
        assertThat(fetches.get() - fetchesBeforeRotation).isEqualTo(1);
        assertThat(decoder.decode(sign(signing))).as("the previous key still verifies").isNotNull();
    }

    private static String sign(RSAKey with) {
        return TestTokens.sign(TestTokens.get().claims(UUID.randomUUID().toString(), List.of(Role.CASE_MANAGER))
                .build(), with);
    }

    private HttpServer keySet() {
        publish(signing);
        try {
            HttpServer keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            keys.createContext("/oauth2/jwks", exchange -> {
                fetches.incrementAndGet();
                byte[] body = published;
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            keys.start();
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(RSAKey... keys) {
        List<JWK> jwks = List.of(keys).stream().<JWK>map(RSAKey::toPublicJWK).toList();
        published = new JWKSet(jwks).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
