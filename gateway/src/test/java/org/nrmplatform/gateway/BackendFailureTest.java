package org.nrmplatform.gateway;

import java.net.URI;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrmplatform.gateway.GatewayRoutingTest.assertProblem;

/** The gateway while its backends are down or slow. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=500ms")
class BackendFailureTest {

    private static final StubBackend slowCaseService = new StubBackend("case-service");
    /** Where identity-service is down at first and comes back during a test. */
    private static final URI identityService = URI.create(StubBackend.deadUrl());

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        StubTokenIssuer.register(registry);
        registry.add("nrm.gateway.services.case-service", slowCaseService::url);
        registry.add("nrm.gateway.services.referral-service", StubBackend::deadUrl);
        registry.add("nrm.gateway.services.identity-service", identityService::toString);
    }

    @AfterAll
    static void stopBackends() {
        slowCaseService.close();
    }

    private final GatewayClient gateway;

    BackendFailureTest(@LocalServerPort int port) {
        this.gateway = new GatewayClient(port, StubTokenIssuer.get().validToken());
    }

    @Test
    void unreachableBackendIsA503ProblemNamingTheService() {
        HttpResponse<String> response = gateway.get("/api/referrals/r-1", CorrelationIdFilter.HEADER, "corr-503");

        assertProblem(response, 503, "referral-service is not available; try again shortly");
        assertThat(GatewayClient.json(response)).containsEntry("correlationId", "corr-503");
        assertThat(response.headers().firstValue("Retry-After")).as("when to try again").contains("5");
    }

    @Test
    void aServiceThatComesBackIsRoutedToAgainWithoutARestartOfTheGateway() {
        assertProblem(gateway.get("/api/identity/organisations"), 503,
                "identity-service is not available; try again shortly");

        try (StubBackend restarted = new StubBackend("identity-service", identityService.getPort())) {
            HttpResponse<String> response = gateway.get("/api/identity/organisations");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Served-By")).contains("identity-service");
        }

        assertProblem(gateway.get("/api/identity/organisations"), 503,
                "identity-service is not available; try again shortly");
    }

    @Test
    void slowBackendIsA504ProblemNamingTheService() {
        HttpResponse<String> response = gateway.get("/api/cases/slow");

        assertProblem(response, 504, "case-service did not respond in time; try again shortly");
        assertThat(response.headers().firstValue("Retry-After")).as("when to try again").contains("5");
    }
}
