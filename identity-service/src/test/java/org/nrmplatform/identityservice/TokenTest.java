package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.nrmplatform.identityservice.IdentityApiTest.DEMO_SHELTER;
import static org.nrmplatform.identityservice.IdentityApiTest.DEMO_SOCIAL_WELFARE;
import static org.nrmplatform.identityservice.IdentityApiTest.user;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Revocations;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.nrmplatform.shared.testing.ApiClient.Answer;

/**
 * Tokens through the real authorization server over HTTP: client credentials for agency systems, and the
 * authorization-code flow with PKCE driven as a browser would (HttpClient with cookies, every redirect
 * checked).
 */
class TokenTest extends IdentityServiceTest {

    @Test
    void aRegisteredClientGetsAShortLivedJwtWithThePlatformClaimsVerifiableWithThePublishedKeys() throws Exception {
        String clientId = "agency-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = register(clientId, DEMO_SHELTER, List.of("service-provider"));

        OAuthClient.Answer token = awaitToken(clientId, secret);
        assertThat(token.body().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.body().get("expires_in").asLong()).isBetween(1L, 900L);
        SignedJWT jwt = SignedJWT.parse(token.body().get("access_token").asString());
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8080");
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getStringClaim(TokenClaims.CLIENT_ID)).isEqualTo(clientId);
        assertThat(claims.getClaim(TokenClaims.USER_ID)).isNull();
        assertThat(claims.getStringClaim(TokenClaims.ORGANISATION_ID)).isEqualTo(DEMO_SHELTER);
        assertThat(claims.getStringClaim(TokenClaims.ORGANISATION_TYPE)).isEqualTo("shelter");
        assertThat(claims.getStringClaim(TokenClaims.COUNTRY)).isEqualTo("RS");
        assertThat(claims.getStringListClaim(TokenClaims.ROLES)).containsExactly("service-provider");
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(Duration.ofMillis(lifetime)).isEqualTo(Duration.ofMinutes(10)).isLessThanOrEqualTo(Duration.ofMinutes(15));

        OAuthClient.Answer jwks = oauth.get("/oauth2/jwks", Map.of());
        assertThat(jwks.status()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(jwks.raw().body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwks.raw().body()).doesNotContain("\"d\"");

        assertThat(oauth.get("/.well-known/oauth-authorization-server", Map.of()).body().get("issuer").asString())
                .isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void aGrantedRoleShowsInTheNextTokenAndARevokedClientIsRefusedAtTheTokenEndpoint() throws Exception {
        String clientId = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = register(clientId, DEMO_SHELTER, List.of("service-provider"));
        awaitToken(clientId, secret);

        assertThat(as(Role.ADMINISTRATOR).post("/api/identity/clients/" + clientId + "/roles",
                Map.of("role", "monitor")).status()).isEqualTo(200);
        awaitProcessing().untilAsserted(() -> assertThat(SignedJWT.parse(
                oauth.clientCredentials(clientId, secret).body().get("access_token").asString())
                .getJWTClaimsSet().getStringListClaim(TokenClaims.ROLES))
                .containsExactlyInAnyOrder("service-provider", "monitor"));

        assertThat(as(Role.ADMINISTRATOR).post("/api/identity/clients/" + clientId + "/deactivation", Map.of())
                .status()).isEqualTo(200);
        awaitProcessing().until(() -> oauth.clientCredentials(clientId, secret).status() == 401);
        OAuthClient.Answer refused = oauth.clientCredentials(clientId, secret);
        assertThat(refused.body().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void aWrongSecretOrAnUnknownClientIsRefused() {
        OAuthClient.Answer wrong = oauth.clientCredentials("demo-monitor", "demo-operator-secret");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("error").asString()).isEqualTo("invalid_client");
        assertThat(oauth.clientCredentials("no-such-client", "whatever").status()).isEqualTo(401);
        assertThat(oauth.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", "nrm-cli"),
                Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aPersonSignsInThroughTheAuthorizationCodeFlowWithPkceAndGetsATokenForTheirAccount() throws Exception {
        String verifier = OAuthClient.codeVerifier();
        String code = signIn("demo-case-manager", "demo-case-manager-Pa55!", OAuthClient.codeChallenge(verifier));

        OAuthClient.Answer token = oauth.postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "client_id", "nrm-cli", "code_verifier", verifier), Map.of());
        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        assertThat(token.body().has("refresh_token")).isFalse();
        String accessToken = token.body().get("access_token").asString();
        var claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
        String demoUser = UUID.nameUUIDFromBytes("demo-user:case-manager".getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(claims.getSubject()).isEqualTo(demoUser);
        assertThat(claims.getStringClaim(TokenClaims.USER_ID)).isEqualTo(demoUser);
        assertThat(claims.getStringClaim(TokenClaims.CLIENT_ID)).isEqualTo("nrm-cli");
        assertThat(claims.getStringClaim(TokenClaims.ORGANISATION_ID)).isEqualTo(DEMO_SOCIAL_WELFARE);
        assertThat(claims.getStringClaim(TokenClaims.ORGANISATION_TYPE)).isEqualTo("social-welfare");
        assertThat(claims.getStringListClaim(TokenClaims.ROLES)).containsExactly("case-manager");

        Answer directory = anonymous.as(accessToken).get("/api/identity/organisations");
        assertThat(directory.status()).isEqualTo(200);

        OAuthClient.Answer replay = oauth.postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "client_id", "nrm-cli", "code_verifier", verifier), Map.of());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void theCodeIsRefusedWithoutTheRightVerifierAndNoCodeIsIssuedWithoutAChallenge() throws Exception {
        String verifier = OAuthClient.codeVerifier();
        String code = signIn("demo-monitor", "demo-monitor-Pa55!", OAuthClient.codeChallenge(verifier));
        OAuthClient.Answer wrongVerifier = oauth.postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "client_id", "nrm-cli", "code_verifier", OAuthClient.codeVerifier()),
                Map.of());
        assertThat(wrongVerifier.status()).isEqualTo(400);

        OAuthClient browser = new OAuthClient(baseUrl());
        OAuthClient.Answer withoutChallenge = browser.get("/oauth2/authorize?response_type=code&client_id=nrm-cli"
                + "&redirect_uri=" + OAuthClient.urlEncode(CALLBACK) + "&state=s1", Map.of("Accept", "text/html"));
        String location = withoutChallenge.header("Location");
        assertThat(withoutChallenge.status() == 400 || (location != null && !location.contains("code=")))
                .as("status %s, location %s", withoutChallenge.status(), location).isTrue();
    }

    @Test
    void aDeactivatedAccountCannotSignInAndAWrongPasswordFails() {
        String username = "leaver." + UUID.randomUUID().toString().substring(0, 8);
        Answer created = as(Role.ADMINISTRATOR).post("/api/identity/users",
                user(null, DEMO_SOCIAL_WELFARE, username, List.of("case-manager")));
        String userId = created.body().get("userId").asString();
        awaitProcessing().until(() ->
                as(Role.ADMINISTRATOR).get("/api/identity/users/" + userId).status() == 200);
        assertThat(login(new OAuthClient(baseUrl()), username, "river boat at dawn 1987")).doesNotContain("error");
        assertThat(login(new OAuthClient(baseUrl()), username, "wrong password here")).endsWith("/login?error");

        as(Role.ADMINISTRATOR).post("/api/identity/users/" + userId + "/deactivation", Map.of("reason", "left"));
        awaitProcessing().until(() ->
                !as(Role.ADMINISTRATOR).get("/api/identity/users/" + userId).body().get("active").asBoolean());
        assertThat(login(new OAuthClient(baseUrl()), username, "river boat at dawn 1987")).endsWith("/login?error");
    }

    /** How long a revocation took to take effect here, measured from the answer that made it. */
    private long refusedWithinFiveSeconds(String token, String what) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                anonymous.as(token).get("/api/identity/organisations").status() == 401);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("identity-service refused the token %s after %d ms%n", what, millis);
        Answer refused = anonymous.as(token).get("/api/identity/organisations");
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body().get("detail").asString()).contains("The token is refused");
        return millis;
    }

    @Test
    void aRevokedTokenIsRefusedWithinFiveSecondsAndOnlyTheClientItWasIssuedToMayRevokeIt() throws Exception {
        String clientId = "revoking-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = register(clientId, DEMO_SHELTER, List.of("service-provider"));
        String token = awaitToken(clientId, secret).body().get("access_token").asString();
        String other = awaitToken(clientId, secret).body().get("access_token").asString();
        assertThat(anonymous.as(token).get("/api/identity/organisations").status()).isEqualTo(200);

        OAuthClient.Answer foreign = oauth.postForm("/oauth2/revoke", Map.of("token", token),
                Map.of("Authorization", basic("demo-monitor", "demo-monitor-secret")));
        assertThat(foreign.status()).as("another client revoking it").isEqualTo(400);
        assertThat(foreign.body().get("error").asString()).isEqualTo("invalid_client");
        assertThat(anonymous.as(token).get("/api/identity/organisations").status()).isEqualTo(200);

        OAuthClient.Answer revoked = oauth.postForm("/oauth2/revoke", Map.of("token", token),
                Map.of("Authorization", basic(clientId, secret)));
        assertThat(revoked.status()).isEqualTo(200);
        refusedWithinFiveSeconds(token, "revoked at /oauth2/revoke");

        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        OAuthClient.Answer list = oauth.get(Revocations.PATH, Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("tokens").has(jti)).isTrue();
        assertThat(anonymous.as(other).get("/api/identity/organisations").status())
                .as("the client's other token").isEqualTo(200);
        assertThat(oauth.postForm("/oauth2/revoke", Map.of("token", "not-a-token"),
                Map.of("Authorization", basic(clientId, secret))).status()).as("nothing to revoke").isEqualTo(200);
    }

    @Test
    void theTokensOfADeactivatedClientOrOfAClientWhoseRoleWasRemovedAreRefusedWithinFiveSeconds() {
        String clientId = "voided-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = register(clientId, DEMO_SHELTER, List.of("service-provider", "monitor"));
        String beforeRoleRemoved = awaitToken(clientId, secret).body().get("access_token").asString();

        assertThat(as(Role.ADMINISTRATOR).delete("/api/identity/clients/" + clientId + "/roles/monitor").status())
                .isEqualTo(200);
        refusedWithinFiveSeconds(beforeRoleRemoved, "of a client whose role was removed");

        // a token issued after the change (the next second: iat counts whole seconds) works
        await().atMost(Duration.ofSeconds(5)).until(() -> anonymous.as(oauth.clientCredentials(clientId, secret)
                .body().get("access_token").asString()).get("/api/identity/organisations").status() == 200);
        String beforeDeactivation = oauth.clientCredentials(clientId, secret).body().get("access_token").asString();
        assertThat(as(Role.ADMINISTRATOR).post("/api/identity/clients/" + clientId + "/deactivation", Map.of())
                .status()).isEqualTo(200);
        refusedWithinFiveSeconds(beforeDeactivation, "of a deactivated client");
    }

    @Test
    void theTokensOfADeactivatedAccountOrOfAnAccountWhoseRoleWasRemovedAreRefusedWithinFiveSeconds() throws Exception {
        String username = "voided." + UUID.randomUUID().toString().substring(0, 8);
        String userId = as(Role.ADMINISTRATOR).post("/api/identity/users", user(null, DEMO_SOCIAL_WELFARE, username,
                List.of("case-manager", "monitor"))).body().get("userId").asString();
        awaitProcessing().until(() -> as(Role.ADMINISTRATOR).get("/api/identity/users/" + userId).status() == 200);
        String beforeRoleRemoved = personalToken(username);

        assertThat(as(Role.ADMINISTRATOR).delete("/api/identity/users/" + userId + "/roles/monitor").status())
                .isEqualTo(200);
        refusedWithinFiveSeconds(beforeRoleRemoved, "of an account whose role was removed");

        Thread.sleep(1000); // iat counts whole seconds: the next token is issued after the change
        String beforeDeactivation = personalToken(username);
        assertThat(anonymous.as(beforeDeactivation).get("/api/identity/organisations").status()).isEqualTo(200);
        assertThat(as(Role.ADMINISTRATOR).post("/api/identity/users/" + userId + "/deactivation", Map.of())
                .status()).isEqualTo(200);
        refusedWithinFiveSeconds(beforeDeactivation, "of a deactivated account");
    }

    /** The metadata names only the grants served (refresh tokens for the web application): no token exchange or device flow. */
    @Test
    void theMetadataAdvertisesOnlyTheGrantsServed() {
        OAuthClient.Answer metadata = oauth.get("/.well-known/oauth-authorization-server", Map.of());
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body().get("grant_types_supported").values().stream().map(node -> node.asString()))
                .containsExactlyInAnyOrder("authorization_code", "client_credentials", "refresh_token");
        assertThat(metadata.body().has("device_authorization_endpoint")).isFalse();
        OAuthClient.Answer openId = oauth.get("/.well-known/openid-configuration", Map.of());
        if (openId.status() == 200) {
            assertThat(openId.body().get("grant_types_supported").values().stream().map(node -> node.asString()))
                    .containsExactlyInAnyOrder("authorization_code", "client_credentials", "refresh_token");
        }
    }

    private String personalToken(String username) throws Exception {
        String verifier = OAuthClient.codeVerifier();
        String code = signIn(username, "river boat at dawn 1987", OAuthClient.codeChallenge(verifier));
        OAuthClient.Answer token = oauth.postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "client_id", "nrm-cli", "code_verifier", verifier), Map.of());
        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        return token.body().get("access_token").asString();
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The web application (client nrm-web) signs a person in with its secret and PKCE, gets a refresh token with
     * the access token, and each refresh token works once (rotation); identity-service keeps no sign-in session
     * once the code is issued, so the next sign-in asks for the password again (signing out of the web application
     * leaves nothing behind here).
     */
    @Test
    void theWebApplicationSignsInWithItsSecretAndRefreshesEachTokenOnce() throws Exception {
        String verifier = OAuthClient.codeVerifier();
        OAuthClient browser = new OAuthClient(baseUrl());
        String code = signIn(browser, "nrm-web", WEB_CALLBACK, "demo-first-line", "demo-first-line-Pa55!",
                OAuthClient.codeChallenge(verifier));
        assertThat(browser.get(authorize("nrm-web", WEB_CALLBACK, OAuthClient.codeChallenge(verifier)),
                Map.of("Accept", "text/html"))
                .header("Location")).as("no session left: sign in again").endsWith("/login");

        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", WEB_CALLBACK, "code_verifier", verifier);
        Map<String, String> asPublicClient = new java.util.HashMap<>(exchange);
        asPublicClient.put("client_id", "nrm-web");
        OAuthClient.Answer withoutSecret = oauth.postForm("/oauth2/token", asPublicClient, Map.of());
        assertThat(withoutSecret.status()).as("without the secret").isEqualTo(401);
        assertThat(withoutSecret.body().get("error").asString()).isEqualTo("invalid_client");
        Map<String, String> secret = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                ("nrm-web:" + WEB_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        OAuthClient.Answer token = oauth.postForm("/oauth2/token", exchange, secret);
        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        var claims = SignedJWT.parse(token.body().get("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getStringClaim(TokenClaims.CLIENT_ID)).isEqualTo("nrm-web");
        assertThat(claims.getStringListClaim(TokenClaims.ROLES)).containsExactly("first-line");
        String refresh = token.body().get("refresh_token").asString();

        OAuthClient.Answer refreshed = oauth.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refresh), secret);
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        assertThat(SignedJWT.parse(refreshed.body().get("access_token").asString()).getJWTClaimsSet()
                .getStringListClaim(TokenClaims.ROLES)).containsExactly("first-line");
        assertThat(refreshed.body().get("refresh_token").asString()).isNotEqualTo(refresh);
        OAuthClient.Answer again = oauth.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refresh), secret);
        assertThat(again.status()).as("a refresh token is used once").isEqualTo(400);
        assertThat(again.body().get("error").asString()).isEqualTo("invalid_grant");
    }

    private static final String WEB_CALLBACK = "http://127.0.0.1:8080/web/login/oauth2/code/nrm";

    private String register(String clientId, String organisationId, List<String> roles) {
        Answer registered = as(Role.ADMINISTRATOR).post("/api/identity/clients", Map.of("organisationId",
                organisationId, "clientId", clientId, "roles", roles));
        assertThat(registered.status()).isEqualTo(201);
        return registered.body().get("clientSecret").asString();
    }

    private OAuthClient.Answer awaitToken(String clientId, String secret) {
        awaitProcessing().until(() -> oauth.clientCredentials(clientId, secret).status() == 200);
        return oauth.clientCredentials(clientId, secret);
    }


}
