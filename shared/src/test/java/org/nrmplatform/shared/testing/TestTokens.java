package org.nrmplatform.shared.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.contracts.identity.Revocations;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for identity-service in service tests: signs access tokens with a key of its own and
 * publishes the key set over real HTTP on a free loopback port, so services validate tokens exactly
 * as in production.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:8080";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestTokens instance;

    private final RSAKey key;
    private final String jwkSetUri;
    private final String revocationsUri;
    private volatile Revocations revocations = Revocations.none();

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            server.createContext(Revocations.PATH, exchange -> {
                byte[] body = JSON.writeValueAsBytes(revocations);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
            revocationsUri = "http://127.0.0.1:" + server.getAddress().getPort() + Revocations.PATH;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestTokens get() {
        if (instance == null) {
            instance = new TestTokens();
        }
        return instance;
    }

    /** Where the test keys are published, as identity-service publishes its own. */
    public String jwkSetUri() {
        return jwkSetUri;
    }

    /** Points a Spring test context's token validation at this issuer. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("nrm.security.jwk-set-uri", () -> get().jwkSetUri);
        registry.add("nrm.security.revocations-uri", () -> get().revocationsUri);
        registry.add("nrm.security.issuer", () -> ISSUER);
    }

    /** Publishes these revocations from now on, as identity-service would after a revocation. */
    public void publish(Revocations published) {
        revocations = published;
    }

    /** A valid token for a person of the given organisation holding the given roles. */
    public String forRole(Role role, String organisationId) {
        return sign(claims(organisationId, List.of(role)).build());
    }

    public JWTClaimsSet.Builder claims(String organisationId, List<Role> roles) {
        Instant now = Instant.now();
        String userId = UUID.randomUUID().toString();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim(TokenClaims.USER_ID, userId)
                .claim(TokenClaims.CLIENT_ID, "test-client")
                .claim(TokenClaims.ORGANISATION_ID, organisationId)
                .claim(TokenClaims.ORGANISATION_TYPE, "test")
                .claim(TokenClaims.COUNTRY, "RS")
                .claim(TokenClaims.ROLES, roles.stream().map(Role::code).toList());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signs with any key, e.g. one the services do not know. */
    public static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
