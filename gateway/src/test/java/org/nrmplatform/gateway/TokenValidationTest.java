package org.nrmplatform.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nrmplatform.contracts.identity.TokenClaims;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.nrmplatform.gateway.GatewayRoutingTest.assertProblem;

/** The gateway lets through only calls with a valid platform token, except to the authorization server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenValidationTest {

    private static final StubTokenIssuer issuer = StubTokenIssuer.get();
    private static final StubBackend caseService = new StubBackend("case-service");
    private static final StubBackend identityService = new StubBackend("identity-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        StubTokenIssuer.register(registry);
        registry.add("nrm.gateway.services.case-service", caseService::url);
        registry.add("nrm.gateway.services.referral-service", StubBackend::deadUrl);
        registry.add("nrm.gateway.services.identity-service", identityService::url);
    }

    @AfterAll
    static void stopBackends() {
        caseService.close();
        identityService.close();
    }

    private final int port;
    private final GatewayClient anonymous;

    TokenValidationTest(@LocalServerPort int port) {
        this.port = port;
        this.anonymous = new GatewayClient(port);
    }

    @Test
    void callWithoutTokenIsA401ProblemWithChallengeAndCorrelationId() {
        HttpResponse<String> response = anonymous.get("/api/cases/no-token", CorrelationIdFilter.HEADER, "corr-401");

        assertProblem(response, 401, "A valid bearer token is required: the request carries no bearer token");
        assertThat(GatewayClient.json(response))
                .containsEntry("title", "Unauthorized")
                .containsEntry("instance", "/api/cases/no-token")
                .containsEntry("correlationId", "corr-401");
        assertThat(response.headers().firstValue(CorrelationIdFilter.HEADER)).hasValue("corr-401");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertNotForwarded("/api/cases/no-token");
    }

    /** Also unknown paths: whether a path exists is not told to a caller without a token. ("/" is open: it leads
     *  people to the web application, GatewayRoutingTest.) */
    @ParameterizedTest
    @ValueSource(strings = {"/api/unknown", "/nothing-here"})
    void unknownPathWithoutTokenIsA401(String path) {
        HttpResponse<String> response = anonymous.get(path);

        assertProblem(response, 401, "A valid bearer token is required: the request carries no bearer token");
    }

    @Test
    void nonBearerCredentialsAreNoToken() {
        HttpResponse<String> response = anonymous.get("/api/cases/basic", "Authorization", "Basic dXNlcjpwYXNz");

        assertProblem(response, 401, "A valid bearer token is required: the request carries no bearer token");
        assertNotForwarded("/api/cases/basic");
    }

    static Stream<Arguments> refusedTokens() {
        Instant now = Instant.now();
        return Stream.of(
                arguments("malformed", (Function<StubTokenIssuer, String>) ignored -> "abc", "Invalid JWT serialization"),
                arguments("expired", token(claims -> claims
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10))))), "expired"),
                arguments("not yet valid", token(claims -> claims
                        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))))), "used before"),
                arguments("forged signature under the known key id", (Function<StubTokenIssuer, String>) stub ->
                        StubTokenIssuer.signWithUnknownKey(stub.claims().build(), stub.keyId()), "Invalid signature"),
                arguments("signed by an unknown key", (Function<StubTokenIssuer, String>) stub ->
                        StubTokenIssuer.signWithUnknownKey(stub.claims().build(), "other-key"), "no matching key"),
                arguments("wrong issuer", token(claims -> claims.issuer("http://elsewhere.example")), "iss claim"),
                arguments("no organisation", token(claims -> claims.claim(TokenClaims.ORGANISATION_ID, null)),
                        "no organisation, roles, client id"),
                arguments("no roles", token(claims -> claims.claim(TokenClaims.ROLES, null)),
                        "no organisation, roles, client id"),
                arguments("no client id", token(claims -> claims.claim(TokenClaims.CLIENT_ID, null)),
                        "no organisation, roles, client id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void invalidTokenIsA401ProblemSayingWhy(String kind, Function<StubTokenIssuer, String> token, String reason) {
        String path = "/api/cases/refused-" + kind.replace(' ', '-');

        HttpResponse<String> response = new GatewayClient(port, token.apply(issuer)).get(path);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) GatewayClient.json(response).get("detail"))
                .startsWith("A valid bearer token is required: ")
                .containsIgnoringCase(reason);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer ")
                .contains("error=\"invalid_token\"");
        assertThat(GatewayClient.json(response).get("correlationId"))
                .isEqualTo(response.headers().firstValue(CorrelationIdFilter.HEADER).orElseThrow());
        assertNotForwarded(path);
    }

    @Test
    void validTokenIsForwardedUnchanged() {
        String token = issuer.validToken();

        HttpResponse<String> response = new GatewayClient(port, token).get("/api/cases/c-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("case-service");
        assertThat(caseService.lastRequest().path()).isEqualTo("/api/cases/c-1");
        assertThat(caseService.lastRequest().headers().get("Authorization")).containsExactly("Bearer " + token);
    }

    @Test
    void validTokenToUnknownPathIsA404Problem() {
        HttpResponse<String> response = new GatewayClient(port, issuer.validToken()).get("/api/unknown");

        assertProblem(response, 404, "No API resource at /api/unknown");
    }

    /** Where tokens come from, and what verifies them, cannot itself require one. */
    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/token", "/oauth2/jwks", "/oauth2/authorize", "/.well-known/openid-configuration",
            "/login", "/logout"})
    void authorizationServerIsReachableWithoutToken(String path) {
        HttpResponse<String> response = anonymous.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("identity-service");
        assertThat(identityService.lastRequest().path()).isEqualTo(path);
    }

    /** The person's feedback link is its own credential: one token segment, without a bearer token, nothing more. */
    @Test
    void theFeedbackLinkIsReachableWithoutATokenAndNothingBelowIt() {
        String link = "/api/feedback/" + "A".repeat(43);
        HttpResponse<String> opened = anonymous.get(link);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("X-Served-By")).hasValue("case-service");
        assertThat(caseService.lastRequest().path()).isEqualTo(link);
        HttpResponse<String> given = anonymous.post(link, "{}".getBytes());
        assertThat(given.statusCode()).isEqualTo(200);
        assertThat(caseService.lastRequest().method()).isEqualTo("POST");

        assertProblem(anonymous.get(link + "/more"), 401,
                "A valid bearer token is required: the request carries no bearer token");
        assertNotForwarded(link + "/more");
        assertProblem(anonymous.get("/api/feedback"), 401,
                "A valid bearer token is required: the request carries no bearer token");
    }

    /** Token requests and login forms are POSTs: no CSRF token or session is asked for at the gateway. */
    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/token", "/login", "/logout"})
    void authorizationServerFormsArePostedThrough(String path) {
        HttpResponse<String> response = anonymous.post(path, "grant_type=client_credentials".getBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("identity-service");
        assertThat(identityService.lastRequest().method()).isEqualTo("POST");
        assertThat(identityService.lastRequest().path()).isEqualTo(path);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private static Function<StubTokenIssuer, String> token(Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> edit) {
        return stub -> stub.sign(edit.apply(stub.claims()).build());
    }

    private static void assertNotForwarded(String path) {
        assertThat(caseService.lastRequest()).satisfiesAnyOf(
                last -> assertThat(last).isNull(),
                last -> assertThat(last.path()).isNotEqualTo(path));
    }
}
