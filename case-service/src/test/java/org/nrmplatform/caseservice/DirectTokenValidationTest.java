package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nrmplatform.contracts.identity.Revocations;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;

/**
 * A call that bypasses the gateway is checked by the service itself: the tokens the gateway refuses are
 * refused here too, with a 401 problem.
 */
class DirectTokenValidationTest extends ApiTest {

    record BadToken(String why, String token) {

        @Override
        public String toString() {
            return why;
        }
    }

    static List<BadToken> badTokens() throws Exception {
        TestTokens tokens = TestTokens.get();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return List.of(
                new BadToken("malformed", "not-a-token"),
                new BadToken("expired", tokens.sign(tokens.claims(POLICE, List.of(Role.FIRST_LINE))
                        .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(600))).build())),
                new BadToken("signed by an unknown key",
                        TestTokens.sign(tokens.claims(POLICE, List.of(Role.FIRST_LINE)).build(), stranger)),
                new BadToken("another issuer", tokens.sign(tokens.claims(POLICE, List.of(Role.FIRST_LINE))
                        .issuer("https://elsewhere.example").build())),
                new BadToken("no organisation", tokens.sign(new JWTClaimsSet.Builder(
                        tokens.claims(POLICE, List.of(Role.FIRST_LINE)).build()).claim("org", null).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aTokenTheGatewayWouldRefuseIsRefusedByTheServiceToo(BadToken bad) {
        Answer answer = anonymous.as(bad.token()).get("/api/cases");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    /** identity-service's revocations, read every second: a revoked token and a voided holder's tokens. */
    @Test
    void aRevokedTokenAndTheEarlierTokensOfADeactivatedAccountOrClientAreRefusedWithinFiveSeconds() throws Exception {
        TestTokens tokens = TestTokens.get();
        String revoked = tokens.forRole(Role.FIRST_LINE, POLICE);
        String ofDeactivatedUser = tokens.forRole(Role.FIRST_LINE, POLICE);
        String ofDeactivatedClient = tokens.sign(tokens.claims(POLICE, List.of(Role.FIRST_LINE)).claim("user_id", null)
                .claim("client_id", "deactivated-system").build());
        String unaffected = tokens.forRole(Role.FIRST_LINE, POLICE);
        assertThat(anonymous.as(revoked).get("/api/cases").status()).isEqualTo(200);
        JWTClaimsSet revokedClaims = SignedJWT.parse(revoked).getJWTClaimsSet();
        String userId = SignedJWT.parse(ofDeactivatedUser).getJWTClaimsSet().getStringClaim("user_id");
        Instant now = Instant.now().plusSeconds(1);
        try {
            tokens.publish(new Revocations(Map.of(revokedClaims.getJWTID(), revokedClaims.getExpirationTime().toInstant()),
                    Map.of(userId, now), Map.of("deactivated-system", now)));

            for (String token : List.of(revoked, ofDeactivatedUser, ofDeactivatedClient)) {
                long start = System.nanoTime();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> anonymous.as(token).get("/api/cases").status() == 401);
                System.out.printf("case-service refused a revoked or voided token after %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
                Answer refused = anonymous.as(token).get("/api/cases");
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body().get("detail").asString()).contains("The token is refused");
            }
            assertThat(anonymous.as(unaffected).get("/api/cases").status()).isEqualTo(200);
        } finally {
            tokens.publish(Revocations.none());
        }
    }
}
