package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Refused sign-ins are counted for the operators' alert: wrong client secrets and wrong passwords. */
class SignInFailuresTest extends IdentityServiceTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aWrongClientSecretIsCountedAndAGoodOneIsNot() {
        double before = failures("client");

        assertThat(oauth.clientCredentials("demo-monitor", "not-the-secret").status()).isEqualTo(401);
        assertThat(oauth.clientCredentials("no-such-client", "whatever").status()).isEqualTo(401);
        assertThat(oauth.clientCredentials("demo-monitor", "demo-monitor-secret").status()).isEqualTo(200);

        assertThat(failures("client")).isEqualTo(before + 2);
    }

    @Test
    void aWrongPasswordOnTheSignInPageIsCounted() {
        double before = failures("password");
        OAuthClient browser = new OAuthClient(baseUrl());
        OAuthClient.Answer page = browser.get("/login", Map.of("Accept", "text/html"));
        String csrf = OAuthClient.csrfToken(page.raw().body());
        assertThat(csrf).isNotNull();

        OAuthClient.Answer submitted = browser.postForm("/login", Map.of("username", "demo-monitor",
                "password", "not the password", "_csrf", csrf), Map.of("Accept", "text/html"));

        assertThat(submitted.header("Location")).endsWith("/login?error");
        assertThat(failures("password")).isEqualTo(before + 1);
    }

    private double failures(String method) {
        return meters.find("nrm.identity.signin.failures").tag("method", method).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
