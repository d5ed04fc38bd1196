package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * case-service while its store goes away and comes back, without a restart of the service: a store of the
 * test's own on a file (as the embedded store keeps its data), stopped and started again on the same port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StoreOutageTest {

    private static final Path DATA = temporaryDirectory();
    private static MongoServer store = start(0);
    private static final int STORE_PORT = store.getLocalAddress().getPort();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        EmbeddedStore.register(registry, () -> "mongodb://127.0.0.1:" + STORE_PORT);
        TestTokens.register(registry);
    }

    @AfterAll
    static void stopStore() {
        store.shutdownNow();
    }

    @LocalServerPort
    int port;

    @Test
    void whileTheStoreIsDownCallersGetA503WithRetryAfterAndAfterwardsEverythingWorksAgain() {
        ApiClient firstLine = new ApiClient("http://127.0.0.1:" + port)
                .as(TestTokens.get().forRole(Role.FIRST_LINE, ApiTest.POLICE));
        UUID before = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(before)).status()).isEqualTo(201);
        awaitVisible(firstLine, before);

        store.shutdownNow();

        assertStoreUnavailable(firstLine.post("/api/cases", CaseRequests.openAdult(UUID.randomUUID())));
        assertStoreUnavailable(firstLine.get("/api/cases/" + before));
        assertStoreUnavailable(firstLine.get("/api/cases"));

        store = start(STORE_PORT);

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

    private static MongoServer start(int port) {
        MongoServer server = new MongoServer(new H2Backend(DATA.resolve("store.mv").toString()));
        server.bind("127.0.0.1", port);
        return server;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("nrm-store-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
