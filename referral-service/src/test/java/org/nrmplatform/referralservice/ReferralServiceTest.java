package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** referral-service starts on the store, reports its health, and refuses calls without a valid token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReferralServiceTest {

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        EmbeddedStore.register(registry);
        TestTokens.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void reportsItsHealthIncludingTheStore() {
        ApiClient.Answer health = new ApiClient("http://127.0.0.1:" + port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void refusesAnApiCallWithoutAToken() {
        ApiClient.Answer answer = new ApiClient("http://127.0.0.1:" + port).get("/api/referrals");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownPathIsAProblemNotAnErrorPage() {
        ApiClient caseManager = new ApiClient("http://127.0.0.1:" + port)
                .as(TestTokens.get().forRole(Role.CASE_MANAGER, "0f6a3c1e-2222-4a2b-9c3d-000000000002"));
        ApiClient.Answer answer = caseManager.get("/api/no-such-resource");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
