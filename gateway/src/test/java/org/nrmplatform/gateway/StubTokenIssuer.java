package org.nrmplatform.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

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
import org.nrmplatform.contracts.identity.Revocations;
import org.nrmplatform.contracts.identity.TokenClaims;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * identity-service's token side, as the gateway sees it: signs access tokens with a key of its own and publishes
 * the public key set over real HTTP on a free loopback port. One per test JVM.
 */
final class StubTokenIssuer {

    static final String ISSUER = "http://127.0.0.1:8080";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static StubTokenIssuer instance;

    private final RSAKey key = newKey();
    private final String jwkSetUri;

    private volatile Revocations revocations = Revocations.none();
    private final String revocationsUri;

    private StubTokenIssuer() {
        HttpServer server = publishKeysOn(0);
        jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
        revocationsUri = "http://127.0.0.1:" + server.getAddress().getPort() + Revocations.PATH;
    }

    /** Publishes the public key set at {@code /oauth2/jwks} on a loopback port (0: a free one). */
    HttpServer publishKeysOn(int port) {
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = StubBackend.loopbackServer(port);
        server.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (var out = exchange.getResponseBody()) {
                out.write(keys);
            }
        });
        server.createContext(Revocations.PATH, exchange -> {
            byte[] body = JSON.writeValueAsBytes(revocations);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static synchronized StubTokenIssuer get() {
        if (instance == null) {
            instance = new StubTokenIssuer();
        }
        return instance;
    }

    /** Points the gateway's token check at this issuer (and its rate limits at the test store). */
    static void register(DynamicPropertyRegistry registry) {
        registry.add("nrm.store.uri", TestStore::uri);
        registry.add("nrm.security.jwk-set-uri", () -> get().jwkSetUri);
        registry.add("nrm.security.revocations-uri", () -> get().revocationsUri);
        registry.add("nrm.security.issuer", () -> ISSUER);
    }

    String jwkSetUri() {
        return jwkSetUri;
    }

    String revocationsUri() {
        return revocationsUri;
    }

    /** Publishes these revocations from now on, as identity-service would after a revocation. */
    void publish(Revocations published) {
        revocations = published;
    }

    /** A token as identity-service issues it to a case manager, valid for ten minutes. */
    String validToken() {
        return sign(claims().build());
    }

    JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        String userId = UUID.randomUUID().toString();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("user_id", userId)
                .claim(TokenClaims.CLIENT_ID, "test-client")
                .claim(TokenClaims.ORGANISATION_ID, "org-1")
                .claim(TokenClaims.ROLES, List.of("case-manager"));
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signed with a key the gateway does not know, under the given key id. */
    static String signWithUnknownKey(JWTClaimsSet claims, String keyId) {
        return sign(claims, newKey(keyId));
    }

    String keyId() {
        return key.getKeyID();
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey newKey() {
        return newKey("test-" + UUID.randomUUID());
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
