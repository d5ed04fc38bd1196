package org.nrmplatform.identityservice;


import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.Progress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * identity-service over real HTTP against the embedded store, with the demo NRM seeded: calls to
 * {@code /api/identity/**} carry real tokens from the service's own token endpoint, issued to the demo
 * clients. Every subclass shares one application context (and so one store), so tests create what they
 * need under fresh names and never count what others made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IdentityServiceTest {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        EmbeddedStore.register(registry);
        registry.add("nrm.identity.demo.enabled", () -> "true");
        // the web application's client (TokenTest); its redirect URI is the default, behind the gateway
        registry.add("nrm.identity.web.client-secret", () -> WEB_CLIENT_SECRET);
    }

    protected static final String WEB_CLIENT_SECRET = "web-client-secret-for-the-tests-0123456789";

    @LocalServerPort
    protected int port;
    @Autowired
    protected EventProcessingConfiguration processing;
    protected ApiClient anonymous;
    protected OAuthClient oauth;

    @BeforeEach
    void clients() {
        anonymous = new ApiClient(baseUrl());
        oauth = new OAuthClient(baseUrl());
    }

    /** Waits while identity-service's processors keep moving: for views to show what was just stored. */
    protected ConditionFactory awaitProcessing() {
        return Progress.awaitWhileMoving("identity-service's event processors", Progress.processors(processing));
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The API as the demo client holding the role (its token is fetched once per context). */
    protected ApiClient as(Role role) {
        return anonymous.as(token(role));
    }

    protected String token(Role role) {
        return TOKENS.computeIfAbsent(port + ":" + role.code(), key -> {
            String clientId = "demo-" + role.code();
            // the demo clients appear in the client view shortly after start
            awaitProcessing().until(() ->
                    oauth.clientCredentials(clientId, clientId + "-secret").status() == 200);
            return oauth.clientCredentials(clientId, clientId + "-secret").body().get("access_token").asString();
        });
    }
}
