package org.nrmplatform.gateway;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final StubBackend caseService = new StubBackend("case-service");
    private static final StubBackend referralService = new StubBackend("referral-service");
    private static final StubBackend identityService = new StubBackend("identity-service");
    private static final StubBackend web = new StubBackend("web");

    private static final int LIMIT = 256 * 1024; // the default nrm.gateway.max-request-size

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        StubTokenIssuer.register(registry);
        registry.add("nrm.gateway.services.case-service", caseService::url);
        registry.add("nrm.gateway.services.referral-service", referralService::url);
        registry.add("nrm.gateway.services.identity-service", identityService::url);
        registry.add("nrm.gateway.services.web", web::url);
    }

    @AfterAll
    static void stopBackends() {
        caseService.close();
        referralService.close();
        identityService.close();
        web.close();
    }

    private final GatewayClient gateway;

    private final int port;

    GatewayRoutingTest(@LocalServerPort int port) {
        this.port = port;
        this.gateway = new GatewayClient(port, StubTokenIssuer.get().validToken());
    }

    @ParameterizedTest
    @CsvSource({
            "/api/cases, case-service",
            "/api/cases/c-17, case-service",
            "/api/indicator-sets/2024, case-service",
            "/api/code-lists, case-service",
            "/api/code-lists/service-type, case-service",
            "/api/statistics, case-service",
            "/api/audit/c-17, case-service",
            "/api/admin/projections, case-service",
            "/api/action-plans, case-service",
            "/api/action-plans/p-1/report, case-service",
            "/api/admin/projections/case-views/rebuild, case-service",
            "/api/approvals, case-service",
            "/api/approvals/a-5/approval, case-service",
            "/api/retention/dry-run, case-service",
            "/api/emergency-situations, case-service",
            "/api/emergency-situations/e-2/persons, case-service",
            "/api/referrals, referral-service",
            "/api/referrals/r-3, referral-service",
            "/api/transnational-referrals/t-1, referral-service",
            "/api/providers, referral-service",
            "/api/tasks, referral-service",
            "/api/tasks/t-9/completion, referral-service",
            "/api/identity/me, identity-service",
            "/oauth2/token, identity-service",
            "/.well-known/openid-configuration, identity-service",
            "/login, identity-service",
            "/logout, identity-service",
            "/web, web",
            "/web/worklist, web"})
    void routesEachPathToItsService(String path, String service) {
        HttpResponse<String> response = gateway.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue(service);
        assertThat(GatewayClient.json(response)).containsEntry("path", path);
    }

    @ParameterizedTest
    @CsvSource({"case-service", "referral-service", "identity-service"})
    void servesEachServicesOpenApiDocumentWithoutAToken(String service) {
        HttpResponse<String> response = new GatewayClient(port).get("/openapi/" + service);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue(service);
        assertThat(GatewayClient.json(response)).containsEntry("path", "/v3/api-docs");
    }

    @Test
    void servesTheSwaggerUiListingEveryService() {
        HttpResponse<String> config = new GatewayClient(port).get("/v3/api-docs/swagger-config");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/openapi/case-service", "/openapi/referral-service",
                "/openapi/identity-service");
        assertThat(new GatewayClient(port).get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void theSwaggerUiCarriesAContentSecurityPolicyAndTheServicesPagesKeepTheirOwn() {
        for (String page : List.of("/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js")) {
            HttpResponse<String> response = new GatewayClient(port).get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().allValues("Content-Security-Policy")).as(page)
                    .containsExactly(ApiReferencePolicy.POLICY);
        }
        assertThat(ApiReferencePolicy.POLICY).contains("script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(new GatewayClient(port).get("/web/screening").headers().allValues("Content-Security-Policy"))
                .as("the web application's pages carry the web application's policy, not the gateway's").isEmpty();
    }

    @Test
    void generatesCorrelationIdWhenAbsentAndForwardsIt() {
        HttpResponse<String> response = gateway.get("/api/cases/generated");

        String returned = response.headers().firstValue(CorrelationIdFilter.HEADER).orElseThrow();
        assertThatNoException().isThrownBy(() -> UUID.fromString(returned));
        assertThat(caseService.lastRequest().headers().get(CorrelationIdFilter.HEADER)).containsExactly(returned);
    }

    @Test
    void keepsWellFormedCorrelationId() {
        String offered = "nrm-2024.07:Abc";

        HttpResponse<String> response = gateway.get("/api/referrals/kept", CorrelationIdFilter.HEADER, offered);

        assertThat(response.headers().allValues(CorrelationIdFilter.HEADER)).containsExactly(offered);
        assertThat(referralService.lastRequest().headers().get(CorrelationIdFilter.HEADER)).containsExactly(offered);
    }

    static Stream<String> malformedCorrelationIds() {
        return Stream.of("has space", "semi;colon", "<script>", "a".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("malformedCorrelationIds")
    void replacesMalformedCorrelationId(String malformed) {
        HttpResponse<String> response = gateway.get("/api/identity/replaced", CorrelationIdFilter.HEADER, malformed);

        String returned = response.headers().firstValue(CorrelationIdFilter.HEADER).orElseThrow();
        assertThatNoException().isThrownBy(() -> UUID.fromString(returned));
        assertThat(identityService.lastRequest().headers().get(CorrelationIdFilter.HEADER)).containsExactly(returned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/unknown", "/api/admin/other", "/actuator/env", "/webs"})
    void unknownPathIsA404Problem(String path) {
        HttpResponse<String> response = gateway.get(path, CorrelationIdFilter.HEADER, "corr-404");

        assertProblem(response, 404, "No API resource at " + path);
        assertThat(GatewayClient.json(response))
                .containsEntry("type", "about:blank")
                .containsEntry("title", "Not Found")
                .containsEntry("instance", path)
                .containsEntry("correlationId", "corr-404");
        assertThat(response.headers().firstValue(CorrelationIdFilter.HEADER)).hasValue("corr-404");
    }

    @Test
    void backendProblemPassesThroughUnchanged() {
        HttpResponse<String> response = gateway.get("/api/referrals/r-1/problem");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).isEqualTo(StubBackend.PROBLEM_BODY);
        assertThat(response.headers().firstValue(CorrelationIdFilter.HEADER)).isPresent();
    }

    @Test
    void refusesOversizedBodyWithContentLength() {
        HttpResponse<String> response = gateway.post("/api/cases/too-large-declared", new byte[LIMIT + 1]);

        assertProblem(response, 413, "Request body exceeds the limit of 262144 bytes");
        assertThat(caseService.lastRequest()).satisfiesAnyOf(
                last -> assertThat(last).isNull(),
                last -> assertThat(last.path()).isNotEqualTo("/api/cases/too-large-declared"));
    }

    @Test
    void refusesOversizedChunkedBody() {
        HttpResponse<String> response = gateway.postChunked("/api/cases/too-large-chunked", new byte[LIMIT + 1]);

        assertProblem(response, 413, "Request body exceeds the limit of 262144 bytes");
        assertThat(caseService.lastRequest()).satisfiesAnyOf(
                last -> assertThat(last).isNull(),
                last -> assertThat(last.path()).isNotEqualTo("/api/cases/too-large-chunked"));
    }

    @Test
    void forwardsBodiesUpToTheLimitIntact() {
        byte[] body = new byte[LIMIT];
        Arrays.fill(body, (byte) 'x');

        assertThat(gateway.post("/api/cases/at-limit", body).statusCode()).isEqualTo(200);
        assertThat(caseService.lastRequest().body()).isEqualTo(body);

        assertThat(gateway.postChunked("/api/cases/chunked-at-limit", body).statusCode()).isEqualTo(200);
        assertThat(caseService.lastRequest().path()).isEqualTo("/api/cases/chunked-at-limit");
        assertThat(caseService.lastRequest().body()).isEqualTo(body);
    }

    /**
     * A service learns the platform's public address (the issuer) from the gateway, whatever the caller claims:
     * identity-service's sign-in redirect and the web application's links then stay at the gateway.
     */
    @Test
    void tellsEachServiceThePublicAddressAndNotWhatTheCallerClaims() {
        HttpResponse<String> response = gateway.get("/web/screening", "X-Forwarded-Host", "evil.example",
                "Forwarded", "host=evil.example;proto=https", "X-Forwarded-Prefix", "/elsewhere",
                "X-Forwarded-For", "203.0.113.7");

        assertThat(response.statusCode()).isEqualTo(200);
        var headers = web.lastRequest().headers();
        assertThat(headers.get("X-Forwarded-Host")).containsExactly("127.0.0.1:8080");
        assertThat(headers.get("X-Forwarded-Proto")).containsExactly("http");
        assertThat(headers.get("X-Forwarded-Port")).containsExactly("8080");
        assertThat(headers.get("Forwarded")).isNull();
        assertThat(headers.get("X-Forwarded-Prefix")).isNull();
        // the address the gateway's connection came from: identity-service throttles sign-ins by it
        assertThat(headers.get("X-Forwarded-For")).containsExactly("127.0.0.1");
    }

    @Test
    void thePlatformsAddressLeadsToTheWebApplication() {
        HttpResponse<String> response = gateway.get("/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/web/");
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> problem = GatewayClient.json(response);
        assertThat(problem).containsEntry("status", status).containsEntry("detail", detail);
        assertThat(problem).containsKeys("type", "title", "instance", "correlationId");
        assertThat(problem.get("correlationId"))
                .isEqualTo(response.headers().firstValue(CorrelationIdFilter.HEADER).orElseThrow());
    }
}
