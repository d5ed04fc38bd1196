package org.nrmplatform.identityservice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How identity-service issues tokens and keeps its keys.
 *
 * @param tokenLifetime   how long an access token is valid; at most 15 minutes (the revocation list keeps a
 *                        voided account or client that long)
 * @param keyRetention    how long a signing key stays published after a newer key replaced it, so that tokens
 *                        it signed can still be verified; must exceed the token lifetime
 * @param cliRedirectUris where the public command-line client {@code nrm-cli} may receive authorization codes
 * @param web             the platform's web application ({@code nrm-web}), registered only when it has a secret
 * @param demo            the demo NRM seeded on an empty embedded store
 * @param keyEncryptionKey the AES-256 key (base64 of 32 bytes) that seals the private signing keys in the
 *                        database (environment {@code NRM_IDENTITY_KEYENCRYPTIONKEY}); required, so that no
 *                        signing key is ever stored in clear
 */
@Validated
@ConfigurationProperties("nrm.identity")
public record IdentityProperties(
        @DefaultValue("PT10M") @NotNull @DurationMin(seconds = 30) @DurationMax(minutes = 15) Duration tokenLifetime,
        @DefaultValue("PT1H") @NotNull Duration keyRetention,
        @DefaultValue({"http://127.0.0.1:8765/callback", "http://localhost:8765/callback"})
        @NotEmpty List<URI> cliRedirectUris,
        @DefaultValue @Valid Web web,
        @DefaultValue @Valid Demo demo,
        @NotBlank(message = "must be set (environment NRM_IDENTITY_KEYENCRYPTIONKEY): the base64 of 32 random "
                + "bytes that seals the token signing keys, e.g. head -c 32 /dev/urandom | base64; infra/nrm "
                + "generates one into $NRM_DATA_DIR/identity-key-encryption-key")
        @Pattern(regexp = "[A-Za-z0-9+/]{43}=", message = "must be the base64 encoding of 32 random bytes")
        String keyEncryptionKey) {

    /**
     * The web application signs people in as the confidential client {@code nrm-web} (authorization code with
     * PKCE and a secret) and keeps their tokens on its server, refreshing them for the length of a working
     * session; the browser never holds a token.
     *
     * @param clientSecret   the secret the web application authenticates with (environment
     *                       {@code NRM_IDENTITY_WEB_CLIENTSECRET}); unset, no web client is registered
     * @param redirectUris   where the web application receives authorization codes: its address behind the gateway
     * @param sessionLifetime how long one sign-in lasts through refreshed tokens (the refresh token's lifetime)
     */
    public record Web(@Size(min = 32, message = "must be at least 32 characters") String clientSecret,
                      @DefaultValue("http://127.0.0.1:8080/web/login/oauth2/code/nrm") @NotEmpty List<URI> redirectUris,
                      @DefaultValue("PT8H") @NotNull @DurationMin(minutes = 15) @DurationMax(hours = 24)
                      Duration sessionLifetime) {
    }

    /** @param enabled seed the demo organisations, accounts and clients when no organisation exists yet */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }

    @AssertTrue(message = "nrm.identity.key-retention must be longer than nrm.identity.token-lifetime")
    public boolean isKeyRetentionLongerThanTokenLifetime() {
        return keyRetention == null || tokenLifetime == null || keyRetention.compareTo(tokenLifetime) > 0;
    }
}
