package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.StoppableStore;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * case-service while what it depends on is unreachable and comes back, without a restart of the service: the
 * place it fetches the token keys from (identity-service), and a store of the test's own on a file (as the
 * embedded store keeps its data), stopped and started again on the same port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreOutageTest {

    private static final StoppableStore STORE = new StoppableStore("nrm-store-outage");

    /** Where the service fetches the token keys (identity-service's place): nothing answers there at first. */
    private static final int KEYS_PORT = freePort();
    private static HttpServer keys;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        EmbeddedStore.register(registry, STORE::uri);
        TestTokens.register(registry);
        registry.add("nrm.security.jwk-set-uri", () -> "http://127.0.0.1:" + KEYS_PORT + "/oauth2/jwks");
    }

    @AfterAll
    static void stopStore() {
        STORE.stop();
        if (keys != null) {
            keys.stop(0);
        }
    }

    @LocalServerPort
    int port;

    private ApiClient firstLine() {
        return new ApiClient("http://127.0.0.1:" + port).as(TestTokens.get().forRole(Role.FIRST_LINE, ApiTest.POLICE));
    }

    @Test
    @Order(1)
    void whileTheTokenKeysCannotBeFetchedCallersGetA503WithRetryAfterAndTheSameTokenWorksOnceTheyCan() {
        Answer refused = firstLine().post("/api/cases", CaseRequests.openAdult(UUID.randomUUID()));
        assertThat(refused.status()).as("not the caller's fault: no 401, no 500").isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body().get("detail").asString())
                .isEqualTo("The access token cannot be checked at the moment; try again shortly");

        keys = publishTestKeys(KEYS_PORT);

        assertThat(firstLine().post("/api/cases", CaseRequests.openAdult(UUID.randomUUID())).status())
                .isEqualTo(201);
    }

    @Test
    @Order(2)
    void whileTheStoreIsDownCallersGetA503WithRetryAfterAndAfterwardsEverythingWorksAgain() {
        ApiClient firstLine = firstLine();
        UUID before = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(before)).status()).isEqualTo(201);
        awaitVisible(firstLine, before);

        STORE.stop();

        assertStoreUnavailable(firstLine.post("/api/cases", CaseRequests.openAdult(UUID.randomUUID())));
        assertStoreUnavailable(firstLine.get("/api/cases/" + before));
        assertStoreUnavailable(firstLine.get("/api/cases"));

        STORE.start();

        UUID after = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(after)).status())
                .as("a write once the store is back, with no restart of the service").isEqualTo(201);
        awaitVisible(firstLine, after); // the tracking processors resumed
        assertThat(firstLine.get("/api/cases/" + before).status()).isEqualTo(200);
    }

    private static void assertStoreUnavailable(Answer answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body().get("title").asString()).isEqualTo("Store unavailable");
        assertThat(answer.body().get("correlationId").asString()).isNotBlank();
    }

    private static void awaitVisible(ApiClient client, UUID caseId) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(client.get("/api/cases/" + caseId).status()).isEqualTo(200));
    }

    /** Serves the test keys on {@code port}, as identity-service does once it is back. */
    private static HttpServer publishTestKeys(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(TestTokens.get().jwkSetUri())).build();
            byte[] published = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, published.length);
                exchange.getResponseBody().write(published);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
