package org.nrmplatform.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Revocations;
import org.nrmplatform.contracts.identity.TokenClaims;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway refuses, within 5 seconds of identity-service publishing it, a revoked token and every earlier token
 * of a deactivated account or client; it reads the revocations over real HTTP as it does from identity-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevocationTest {

    private static final StubTokenIssuer issuer = StubTokenIssuer.get();
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

    @AfterEach
    void nothingRevoked() {
        issuer.publish(Revocations.none());
    }

    private final int port;

    RevocationTest(@LocalServerPort int port) {
        this.port = port;
    }

    @Test
    void aRevokedTokenIsRefusedWithinFiveSecondsAndOthersStillPass() throws Exception {
        String token = issuer.validToken();
        String other = issuer.validToken();
        assertThat(call(token).statusCode()).isEqualTo(200);

        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        issuer.publish(new Revocations(Map.of(jti, Instant.now().plusSeconds(600)), Map.of(), Map.of()));

        refusedWithinFiveSeconds(token, "revoked", "the token has been revoked");
        assertThat(call(other).statusCode()).isEqualTo(200);
    }

    @Test
    void theEarlierTokensOfADeactivatedAccountOrClientAreRefusedWithinFiveSecondsAndLaterOnesPass() throws Exception {
        String person = issuer.validToken();
        String system = issuer.sign(issuer.claims().claim(TokenClaims.USER_ID, null).subject("agency-system")
                .claim(TokenClaims.CLIENT_ID, "agency-system").build());
        String userId = SignedJWT.parse(person).getJWTClaimsSet().getStringClaim(TokenClaims.USER_ID);
        Instant voidBefore = Instant.now().plusSeconds(1);

        issuer.publish(new Revocations(Map.of(), Map.of(userId, voidBefore), Map.of("agency-system", voidBefore)));

        refusedWithinFiveSeconds(person, "of a deactivated account", "the account's tokens");
        refusedWithinFiveSeconds(system, "of a deactivated client", "the client's tokens");
        String later = issuer.sign(issuer.claims().claim(TokenClaims.USER_ID, userId).subject(userId)
                .issueTime(java.util.Date.from(voidBefore.plusSeconds(1))).build());
        assertThat(call(later).statusCode()).as("a token issued after the change").isEqualTo(200);
    }

    @Test
    void theRevocationsAreNotRoutedThroughTheGateway() {
        HttpResponse<String> response = new GatewayClient(port, issuer.validToken()).get(Revocations.PATH);

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private void refusedWithinFiveSeconds(String token, String what, String reason) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> call(token).statusCode() == 401);
        System.out.printf("the gateway refused the token %s after %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        HttpResponse<String> refused = call(token);
        assertThat((String) GatewayClient.json(refused).get("detail")).contains("The token is refused: " + reason);
    }

    private HttpResponse<String> call(String token) {
        return new GatewayClient(port, token).get("/api/cases/c-1");
    }
}
