package org.nrmplatform.shared.security;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How services check access tokens.
 *
 * @param issuer    the issuer every token must name: the platform's public address (the gateway)
 * @param jwkSetUri where identity-service publishes the keys that verify tokens
 * @param keyRefetchCooldown the least time between two fetches of the key set caused by tokens naming a key id
 *                  not in hand: a rotated key is picked up within it, forged key ids cost at most one fetch per it
 */
@Validated
@ConfigurationProperties("nrm.security")
public record SecurityProperties(
        @DefaultValue("http://127.0.0.1:8080") @NotNull URI issuer,
        @DefaultValue("http://127.0.0.1:8083/oauth2/jwks") @NotNull URI jwkSetUri,
        @DefaultValue("30s") @NotNull Duration keyRefetchCooldown) {
}
