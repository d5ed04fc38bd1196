package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of identity-service on one store, as behind a load balancer without sticky routing: a person's
 * sign-in moves between them at every step, the code is exchanged at the other instance than the one that issued
 * it, the web application's refresh token works at either, and after a restart of one the sign-in still holds.
 */
class SharedSignInTest {

    private static final String SECRET = "web-client-secret-for-the-tests-0123456789";
    private static final String CALLBACK = "http://127.0.0.1:8080/web/login/oauth2/code/nrm";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSignInMovesBetweenInstancesAndSurvivesARestart() {
        try (ConfigurableApplicationContext second = start()) {
            String refresh;
            try (ConfigurableApplicationContext first = start()) {
                String a = url(first);
                String b = url(second);
                OAuthClient browser = new OAuthClient(a);
                String verifier = OAuthClient.codeVerifier();

                OAuthClient.Answer toLogin = browser.get(a + "/oauth2/authorize?response_type=code&client_id=nrm-web"
                        + "&redirect_uri=" + OAuthClient.urlEncode(CALLBACK) + "&state=xyz&code_challenge="
                        + OAuthClient.codeChallenge(verifier) + "&code_challenge_method=S256",
                        Map.of("Accept", "text/html"));
                assertThat(toLogin.status()).isEqualTo(302);
                assertThat(toLogin.header("Set-Cookie")).contains("NRM_SIGN_IN=").contains("HttpOnly")
                        .contains("SameSite=Lax");

                // the sign-in form from the other instance carries the CSRF token of the session the first began
                OAuthClient.Answer form = browser.get(b + "/login", Map.of("Accept", "text/html"));
                assertThat(form.status()).isEqualTo(200);
                String csrf = OAuthClient.csrfToken(form.raw().body());
                assertThat(csrf).isNotNull();
                OAuthClient.Answer signedIn = await("the demo accounts seeded").atMost(Duration.ofSeconds(60))
                        .until(() -> browser.postForm(b + "/login", Map.of("username", "demo-case-manager",
                                "password", "demo-case-manager-Pa55!", "_csrf", csrf), Map.of("Accept", "text/html")),
                                answer -> !answer.header("Location").contains("error"));
                String resumed = signedIn.header("Location");
                assertThat(resumed).as("back to the authorization request saved at the first instance")
                        .contains("/oauth2/authorize");

                OAuthClient.Answer toCallback = browser.get(resumed.replace(a, b), Map.of("Accept", "text/html"));
                assertThat(toCallback.status()).isEqualTo(302);
                Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(toCallback.header("Location"));
                assertThat(code.find()).as(toCallback.header("Location")).isTrue();

                OAuthClient.Answer tokens = browser.postForm(a + "/oauth2/token", Map.of("grant_type",
                        "authorization_code", "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                        "redirect_uri", CALLBACK, "code_verifier", verifier), Map.of("Authorization", basic()));
                assertThat(tokens.status()).as("the code issued at the second, exchanged at the first: %s",
                        tokens.raw().body()).isEqualTo(200);

                OAuthClient.Answer refreshed = browser.postForm(b + "/oauth2/token", Map.of("grant_type",
                        "refresh_token", "refresh_token", tokens.body().get("refresh_token").asString()),
                        Map.of("Authorization", basic()));
                assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
                refresh = refreshed.body().get("refresh_token").asString();
            }

            try (ConfigurableApplicationContext restarted = start()) {
                OAuthClient client = new OAuthClient(url(restarted));
                OAuthClient.Answer afterRestart = client.postForm("/oauth2/token", Map.of("grant_type",
                        "refresh_token", "refresh_token", refresh), Map.of("Authorization", basic()));
                assertThat(afterRestart.status()).as("the web sign-in holds across a restart: %s",
                        afterRestart.raw().body()).isEqualTo(200);
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplication(IdentityServiceApplication.class).run(
                "--server.port=0",
                "--nrm.store.uri=" + EmbeddedStore.uri(),
                "--nrm.store.event-database=events_shared_" + suffix,
                "--nrm.store.service-database=service_shared_" + suffix,
                "--nrm.identity.demo.enabled=true",
                "--nrm.identity.key-encryption-key=" + EmbeddedStore.TEST_KEY_ENCRYPTION_KEY,
                "--nrm.identity.web.client-secret=" + SECRET);
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("nrm-web:" + SECRET).getBytes(StandardCharsets.UTF_8));
    }
}
