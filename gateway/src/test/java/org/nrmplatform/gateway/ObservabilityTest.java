package org.nrmplatform.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators' endpoints live on the management port only; the public port neither serves the gateway's nor
 * routes the services' actuator paths. Requests carry W3C trace context on to the services, and each route's
 * latency and status are metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservabilityTest {

    private static final StubBackend caseService = new StubBackend("case-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        StubTokenIssuer.register(registry);
        registry.add("nrm.gateway.services.case-service", caseService::url);
        registry.add("nrm.gateway.services.referral-service", StubBackend::deadUrl);
        registry.add("nrm.gateway.services.identity-service", StubBackend::deadUrl);
    }

    @AfterAll
    static void stopBackends() {
        caseService.close();
    }

    private final int port;
    private final int managementPort;
    private final GatewayClient gateway;
    private final GatewayClient anonymous;
    private final GatewayClient operator;

    ObservabilityTest(@LocalServerPort int port, @LocalManagementPort int managementPort) {
        this.port = port;
        this.managementPort = managementPort;
        this.gateway = new GatewayClient(port, StubTokenIssuer.get().validToken());
        this.anonymous = new GatewayClient(port);
        this.operator = new GatewayClient(managementPort);
    }

    @Test
    void managementPortIsSeparate() {
        assertThat(managementPort).isNotEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator/env",
            "/api/cases/actuator/prometheus/../../../actuator/prometheus"})
    void publicPortServesNoActuatorEndpoint(String path) {
        HttpResponse<String> withoutToken = anonymous.get(path);
        HttpResponse<String> withToken = gateway.get(path);

        assertThat(withoutToken.statusCode()).isIn(400, 401, 404);
        assertThat(withToken.statusCode()).isIn(400, 404);
        assertThat(withToken.body()).doesNotContain("jvm_memory_used_bytes");
    }

    @Test
    void healthOnTheManagementPortIsUpWhileBackendsAreDown() {
        HttpResponse<String> response = operator.get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(response)).containsEntry("status", "UP");
    }

    @Test
    void traceContextIsContinuedToTheService() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        HttpResponse<String> response = gateway.get("/api/cases/c-1", "traceparent",
                "00-" + traceId + "-b7ad6b7169203331-01");

        assertThat(response.statusCode()).isEqualTo(200);
        String forwarded = caseService.lastRequest().headers().getFirst("traceparent");
        assertThat(forwarded).startsWith("00-" + traceId + "-").doesNotContain("b7ad6b7169203331");
    }

    @Test
    void aTraceStartsHereWhenTheCallerSendsNone() {
        gateway.get("/api/cases/c-2");

        assertThat(caseService.lastRequest().headers().getFirst("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void routeLatencyAndStatusAreMetricsWithCommonTags() {
        gateway.get("/api/cases/c-3");

        String metrics = operator.get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*routeId=\"case-service\"[^}]*status=\"OK\"");
        assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*service=\"gateway\"");
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }
}
