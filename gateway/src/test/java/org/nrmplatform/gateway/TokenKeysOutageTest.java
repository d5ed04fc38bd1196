package org.nrmplatform.gateway;

import java.net.URI;
import java.net.http.HttpResponse;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrmplatform.gateway.GatewayRoutingTest.assertProblem;

/** The gateway while the keys that verify tokens cannot be fetched (identity-service or its store down). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenKeysOutageTest {

    private static final StubBackend caseService = new StubBackend("case-service");
    /** Where identity-service publishes the keys: nothing answers there at first. */
    private static final URI keys = URI.create(StubBackend.deadUrl() + "/oauth2/jwks");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("nrm.security.issuer", () -> StubTokenIssuer.ISSUER);
        registry.add("nrm.store.uri", TestStore::uri);
        registry.add("nrm.security.revocations-uri", () -> StubTokenIssuer.get().revocationsUri());
        registry.add("nrm.security.jwk-set-uri", keys::toString);
        registry.add("nrm.gateway.services.case-service", caseService::url);
        registry.add("nrm.gateway.services.referral-service", StubBackend::deadUrl);
        registry.add("nrm.gateway.services.identity-service", StubBackend::deadUrl);
    }

    @AfterAll
    static void stopBackends() {
        caseService.close();
    }

    private final GatewayClient gateway;

    TokenKeysOutageTest(@LocalServerPort int port) {
        this.gateway = new GatewayClient(port, StubTokenIssuer.get().validToken());
    }

    @Test
    void whileTheKeysCannotBeFetchedCallersGetA503WithRetryAfterAndTheSameTokenWorksOnceTheyCan() {
        HttpResponse<String> refused = gateway.get("/api/cases/c-1");

        assertProblem(refused, 503, "The access token cannot be checked at the moment; try again shortly");
        assertThat(refused.headers().firstValue("Retry-After")).as("when to try again").contains("5");

        HttpServer published = StubTokenIssuer.get().publishKeysOn(keys.getPort());
        try {
            HttpResponse<String> answered = gateway.get("/api/cases/c-1");

            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.headers().firstValue("X-Served-By")).contains("case-service");
        } finally {
            published.stop(0);
        }
    }
}
