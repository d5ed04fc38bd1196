package org.nrmplatform.accesstokens;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.nrmplatform.contracts.identity.Revocations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway and the services check access tokens (the same properties for both).
 *
 * @param issuer    the issuer every token must name: the platform's public address (the gateway)
 * @param jwkSetUri where identity-service publishes the keys that verify tokens
 * @param keyRefetchCooldown the least time between two fetches of the key set caused by tokens naming a key id
 *                  not in hand: a rotated key is picked up within it, forged key ids cost at most one fetch per it
 * @param revocationsUri where identity-service publishes the tokens it revoked and the accounts and clients whose
 *                  tokens it voided (its own port, never routed by the gateway)
 * @param revocationsPollInterval how often they are read: a revocation takes effect within about this interval
 */
@Validated
@ConfigurationProperties("nrm.security")
public record SecurityProperties(
        @DefaultValue("http://127.0.0.1:8080") @NotNull URI issuer,
        @DefaultValue("http://127.0.0.1:8083/oauth2/jwks") @NotNull URI jwkSetUri,
        @DefaultValue("30s") @NotNull Duration keyRefetchCooldown,
        @DefaultValue("http://127.0.0.1:8083" + Revocations.PATH) @NotNull URI revocationsUri,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 4) Duration revocationsPollInterval) {
}
