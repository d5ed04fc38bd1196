package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.StoppableStore;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The authorization server while its store goes away and comes back, without a restart: its endpoints read the
 * store outside any controller (clients, keys), so this is the servlet filters' 503, not the controllers'.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TokenEndpointStoreOutageTest {

    private static final StoppableStore STORE = new StoppableStore("nrm-identity-store-outage");

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        EmbeddedStore.register(registry, STORE::uri);
        registry.add("nrm.identity.demo.enabled", () -> "true");
    }

    @AfterAll
    static void stopStore() {
        STORE.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void whileTheStoreIsDownTheTokenEndpointAnswers503WithRetryAfterAndIssuesTokensOnceItIsBack() {
        OAuthClient oauth = new OAuthClient("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                oauth.clientCredentials("demo-first-line", "demo-first-line-secret").status() == 200);

        STORE.stop();

        OAuthClient.Answer refused = oauth.clientCredentials("demo-first-line", "demo-first-line-secret");
        assertThat(refused.status()).as("not a 500 from the servlet container").isEqualTo(503);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body().get("title").asString()).isEqualTo("Store unavailable");
        assertThat(refused.body().get("correlationId").asString()).isEqualTo(refused.header("X-Correlation-Id"));

        STORE.start();

        assertThat(oauth.clientCredentials("demo-first-line", "demo-first-line-secret").status())
                .as("a token once the store is back, with no restart of the service").isEqualTo(200);
    }
}
