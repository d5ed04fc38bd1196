package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            if (role == Role.APPROVER) { // a role only persons hold: the demo approver signs in
                String verifier = OAuthClient.codeVerifier();
                String code = signIn("demo-approver", "demo-approver-Pa55!", OAuthClient.codeChallenge(verifier));
                return oauth.postForm("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                                "redirect_uri", CALLBACK, "client_id", "nrm-cli", "code_verifier", verifier), Map.of())
                        .body().get("access_token").asString();
            }
            String clientId = "demo-" + role.code();
            // the demo clients appear in the client view shortly after start
            awaitProcessing().until(() ->
                    oauth.clientCredentials(clientId, clientId + "-secret").status() == 200);
            return oauth.clientCredentials(clientId, clientId + "-secret").body().get("access_token").asString();
        });
    }

    /** Where the command-line client (nrm-cli) is sent back with its authorization code in these tests. */
    protected static final String CALLBACK = "http://127.0.0.1:8765/callback";

    protected static String authorize(String clientId, String callback, String challenge) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + OAuthClient.urlEncode(callback) + "&state=xyz&code_challenge=" + challenge
                + "&code_challenge_method=S256";
    }

    /** Drives authorize → sign-in form → authorize → callback, and answers the authorization code. */
    protected String signIn(String username, String password, String challenge) {
        return signIn(new OAuthClient(baseUrl()), "nrm-cli", CALLBACK, username, password, challenge);
    }

    protected String signIn(OAuthClient browser, String clientId, String callbackUri, String username, String password,
                          String challenge) {
        String authorize = authorize(clientId, callbackUri, challenge);
        OAuthClient.Answer toLogin = browser.get(authorize, Map.of("Accept", "text/html"));
        assertThat(toLogin.status()).isEqualTo(302);
        assertThat(toLogin.header("Location")).endsWith("/login");
        String back = login(browser, username, password);
        assertThat(back).contains("/oauth2/authorize");
        OAuthClient.Answer toCallback = browser.get(back, Map.of("Accept", "text/html"));
        assertThat(toCallback.status()).isEqualTo(302);
        String callback = toCallback.header("Location");
        assertThat(callback).startsWith(callbackUri + "?code=").contains("state=xyz");
        Matcher code = Pattern.compile("code=([^&]+)").matcher(callback);
        assertThat(code.find()).isTrue();
        return URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    /** Fills in Spring's sign-in form; answers where the server redirects afterwards. */
    protected static String login(OAuthClient browser, String username, String password) {
        OAuthClient.Answer page = browser.get("/login", Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(browser.get("/default-ui.css", Map.of()).status()).as("the form's stylesheet").isEqualTo(200);
        String csrf = OAuthClient.csrfToken(page.raw().body());
        assertThat(csrf).as("the sign-in form carries a CSRF token").isNotNull();
        OAuthClient.Answer submitted = browser.postForm("/login", Map.of("username", username, "password", password,
                "_csrf", csrf), Map.of("Accept", "text/html"));
        assertThat(submitted.status()).isEqualTo(302);
        return submitted.header("Location");
    }
}
