package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
}
