package org.nrmplatform.gateway;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway checks access tokens. Same names as the services' {@code nrm.security} properties (shared module,
 * {@code org.nrmplatform.shared.security.SecurityProperties}), so every component is configured the same way.
 *
 * @param issuer    the issuer every token must name: the platform's public address (this gateway)
 * @param jwkSetUri where identity-service publishes the keys that verify tokens
 * @param keyRefetchCooldown the least time between two fetches of the key set caused by tokens naming a key id
 *                  not in hand: a rotated key is picked up within it, forged key ids cost at most one fetch per it
 */
@Validated
@ConfigurationProperties("nrm.security")
public record SecurityProperties(@NotNull URI issuer, @NotNull URI jwkSetUri, @NotNull Duration keyRefetchCooldown) {
}
