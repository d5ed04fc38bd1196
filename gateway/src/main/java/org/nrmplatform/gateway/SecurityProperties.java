package org.nrmplatform.gateway;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

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
 * @param revocationsUri where identity-service publishes the tokens it revoked and the accounts and clients whose
 *                  tokens it voided (its own port, never routed by this gateway)
 * @param revocationsPollInterval how often they are read: a revocation takes effect within about this interval
 */
@Validated
@ConfigurationProperties("nrm.security")
public record SecurityProperties(@NotNull URI issuer, @NotNull URI jwkSetUri, @NotNull Duration keyRefetchCooldown,
                                 @NotNull URI revocationsUri,
                                 @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 4)
                                 Duration revocationsPollInterval) {
}
