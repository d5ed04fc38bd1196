package org.nrmplatform.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.TokenClaims;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client over its limit on a route is refused with 429, a problem and Retry-After, and counted; another client,
 * or the same client on another route, is not. The buckets live in the store: a second gateway instance on the same
 * store, and a gateway started again, refuse the same client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {

    private static final StubTokenIssuer issuer = StubTokenIssuer.get();
    private static final StubBackend caseService = new StubBackend("case-service");
    private static final StubBackend referralService = new StubBackend("referral-service");
    private static final StubBackend identityService = new StubBackend("identity-service");
    private static final String DATABASE = "gateway_" + UUID.randomUUID().toString().substring(0, 8);

    /** The same settings for the instance under test and the ones a test starts beside it. */
    private static List<String> settings() {
        return List.of("nrm.store.uri=" + TestStore.uri(),
                "nrm.security.jwk-set-uri=" + issuer.jwkSetUri(),
                "nrm.security.revocations-uri=" + issuer.revocationsUri(),
                "nrm.security.issuer=" + StubTokenIssuer.ISSUER,
                "nrm.gateway.services.case-service=" + caseService.url(),
                "nrm.gateway.services.referral-service=" + referralService.url(),
                "nrm.gateway.services.identity-service=" + identityService.url(),
                "nrm.gateway.rate-limits.database=" + DATABASE,
                // every request counted in the store at once, so that two instances agree to the request
                "nrm.gateway.rate-limits.unsynchronised-requests=0",
                "nrm.gateway.rate-limits.per-client.requests=100",
                "nrm.gateway.rate-limits.per-client.per=1h",
                "nrm.gateway.rate-limits.routes.case-service.per-client.requests=5",
                "nrm.gateway.rate-limits.routes.case-service.per-client.per=1h",
                "nrm.gateway.rate-limits.routes.identity-service.per-address.requests=3",
                "nrm.gateway.rate-limits.routes.identity-service.per-address.per=1h");
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        settings().forEach(setting -> {
            String[] pair = setting.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        });
    }

    @AfterAll
    static void stopBackends() {
        caseService.close();
        referralService.close();
        identityService.close();
    }

    private final int port;
    private final MeterRegistry meters;

    RateLimitTest(@LocalServerPort int port, @Autowired MeterRegistry meters) {
        this.port = port;
        this.meters = meters;
    }

    @Test
    void aClientOverItsLimitIsRefusedWithRetryAfterWhileAnotherClientIsNot() {
        String agency = clientToken("agency-" + UUID.randomUUID());
        String other = clientToken("other-" + UUID.randomUUID());
        double before = throttled("case-service", "client");
        for (int i = 0; i < 5; i++) {
            assertThat(casesAs(agency, port).statusCode()).as("request %d of 5", i + 1).isEqualTo(200);
        }

        HttpResponse<String> refused = casesAs(agency, port);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // five an hour: the next one in twelve minutes
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(700L, 720L);
        assertThat((String) GatewayClient.json(refused).get("detail"))
                .contains("Too many requests from this client to case-service", "at most 5 per PT1H");
        assertThat(throttled("case-service", "client")).isEqualTo(before + 1);
        assertThat(casesAs(other, port).statusCode()).as("another client").isEqualTo(200);
        assertThat(new GatewayClient(port, agency).get("/api/referrals/r-1").statusCode())
                .as("the same client on a route of its own limit").isEqualTo(200);
    }

    @Test
    void eachPersonHasABucketOfTheirOwnThoughAllSignInThroughOneClient() {
        String first = personToken(UUID.randomUUID().toString());
        String second = personToken(UUID.randomUUID().toString());
        for (int i = 0; i < 5; i++) {
            assertThat(casesAs(first, port).statusCode()).isEqualTo(200);
        }
        assertThat(casesAs(first, port).statusCode()).isEqualTo(429);
        assertThat(casesAs(second, port).statusCode()).isEqualTo(200);
    }

    @Test
    void callersWithoutATokenAreLimitedByTheirAddress() {
        GatewayClient anonymous = new GatewayClient(port);
        List<Integer> statuses = new ArrayList<>();
        double before = throttled("identity-service", "address");
        for (int i = 0; i < 4; i++) {
            statuses.add(anonymous.get("/.well-known/oauth-authorization-server").statusCode());
        }
        // the address may have used some of its three in another test of this class
        assertThat(statuses).last().isEqualTo(429);
        assertThat(throttled("identity-service", "address")).isGreaterThan(before);
    }

    @Test
    void anotherGatewayInstanceAndARestartedOneRefuseTheSameClient() {
        String agency = clientToken("shared-" + UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            assertThat(casesAs(agency, port).statusCode()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = startAnotherGateway()) {
            int secondPort = portOf(second);
            assertThat(casesAs(agency, secondPort).statusCode()).isEqualTo(200);
            assertThat(casesAs(agency, secondPort).statusCode()).isEqualTo(200);
            assertThat(casesAs(agency, secondPort).statusCode()).as("the sixth request, at the second instance")
                    .isEqualTo(429);
        }
        try (ConfigurableApplicationContext restarted = startAnotherGateway()) {
            assertThat(casesAs(agency, portOf(restarted)).statusCode()).as("after a restart").isEqualTo(429);
        }
        assertThat(casesAs(agency, port).statusCode()).as("and at the first instance").isEqualTo(429);
    }

    /** A limit must not turn a store outage into refusing every call: requests pass while it does not answer. */
    @Test
    void whileTheStoreDoesNotAnswerRequestsPass() {
        String agency = clientToken("store-down-" + UUID.randomUUID());
        try (ConfigurableApplicationContext withoutStore = startAnotherGateway(
                "--nrm.store.uri=mongodb://127.0.0.1:" + StubBackend.deadUrl().replaceAll(".*:", ""))) {
            for (int i = 0; i < 6; i++) {
                assertThat(casesAs(agency, portOf(withoutStore)).statusCode()).isEqualTo(200);
            }
        }
    }

    private static ConfigurableApplicationContext startAnotherGateway(String... overrides) {
        List<String> arguments = new ArrayList<>(List.of(overrides));
        // a setting given twice would be read as both values joined: the override replaces it
        settings().stream().map(setting -> "--" + setting)
                .filter(setting -> arguments.stream().noneMatch(o -> o.startsWith(setting.split("=")[0] + "=")))
                .forEach(arguments::add);
        arguments.addAll(List.of("--server.port=0", "--management.server.port=0"));
        return new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static HttpResponse<String> casesAs(String token, int port) {
        return new GatewayClient(port, token).get("/api/cases/c-1");
    }

    private static String clientToken(String clientId) {
        return issuer.sign(issuer.claims().claim(TokenClaims.USER_ID, null).subject(clientId)
                .claim(TokenClaims.CLIENT_ID, clientId).build());
    }

    private static String personToken(String userId) {
        return issuer.sign(issuer.claims().claim(TokenClaims.USER_ID, userId).subject(userId).build());
    }

    private double throttled(String route, String reason) {
        var counter = meters.find(ApiRateLimits.METRIC).tag("route", route).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
