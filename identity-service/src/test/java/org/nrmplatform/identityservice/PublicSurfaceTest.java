package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrmplatform.accesstokens.SecurityProperties;
import org.springframework.beans.factory.annotation.Autowired;

/** What a browser and a reader of the API document get from identity-service, over HTTP. */
class PublicSurfaceTest extends IdentityServiceTest {

    @Autowired
    SecurityProperties security;

    @Test
    void theSignInPageCarriesAContentSecurityPolicyThatLetsItsFormGoOnlyHereAndToTheClients() {
        OAuthClient.Answer page = oauth.get("/login", Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                .contains("form-action 'self' http://127.0.0.1:8765 http://localhost:8765 http://127.0.0.1:8080;");
        assertThat(page.raw().body()).as("nothing inline the policy would have to allow")
                .contains("<form").doesNotContain("<script").doesNotContain("<style").doesNotContain("style=");
    }

    @Test
    void theApiDocumentNamesOnlyThePublicAddressEvenWhenAskedWithForgedForwardedHeaders() {
        OAuthClient.Answer document = oauth.get("/v3/api-docs",
                Map.of("X-Forwarded-Host", "attacker.example", "X-Forwarded-Port", "443"));
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("servers").valueStream().map(server -> server.get("url").asString()))
                .containsExactly(security.issuer().toString());
        assertThat(document.raw().body()).doesNotContain("attacker.example").doesNotContain(":" + port);
    }
}
