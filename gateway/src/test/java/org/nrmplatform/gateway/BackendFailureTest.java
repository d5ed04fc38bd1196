package org.nrmplatform.gateway;

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

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        StubTokenIssuer.register(registry);
        registry.add("nrm.gateway.services.case-service", slowCaseService::url);
        registry.add("nrm.gateway.services.referral-service", StubBackend::deadUrl);
        registry.add("nrm.gateway.services.identity-service", StubBackend::deadUrl);
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
    }

    @Test
    void slowBackendIsA504ProblemNamingTheService() {
        HttpResponse<String> response = gateway.get("/api/cases/slow");

        assertProblem(response, 504, "case-service did not respond in time; try again shortly");
    }
}
