package org.nrmplatform.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code NRM_TLS=dev infra/nrm up}: the gateway serves HTTPS with a certificate the launcher generated into the data
 * directory, tokens and pages name the https address, HSTS is sent, the session cookie is Secure, and the
 * operators' port stays plain HTTP on 127.0.0.1. Only a client given the certificate trusts it.
 */
class TlsPlatformIT {

    @RegisterExtension
    final LocalPlatform platform = new LocalPlatform().withEnvironment("NRM_TLS", "dev");

    @Test
    void theGatewayServesHttpsWithTheGeneratedCertificate() throws Exception {
        String started = platform.launcher("up");
        assertThat(started).contains("Sign in:  " + platform.gateway() + "/web/").contains("dev-certificate.pem");
        Path certificate = platform.dataDirectory().resolve("tls/dev-certificate.pem");
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
        String token = platform.launcher("token", "first-line").trim();

        HttpResponse<String> cases = trusting.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/cases"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(cases.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));

        HttpResponse<String> signIn = trusting.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/web/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith(platform.gateway() + "/"));
        assertThat(signIn.headers().allValues("Set-Cookie")).anySatisfy(
                cookie -> assertThat(cookie).startsWith("NRM_WEB_SESSION=").contains("; Secure").contains("HttpOnly"));

        HttpClient jvmTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> jvmTrust.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/cases"))
                .build(), HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);
        String plain = platform.gateway().replace("https://", "http://");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(plain + "/api/cases"))
                .build(), HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + platform.gatewayManagementPort() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            store.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
