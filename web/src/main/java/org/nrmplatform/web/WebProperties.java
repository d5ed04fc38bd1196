package org.nrmplatform.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the web application finds the platform and how long a person's session lasts.
 *
 * @param api            the platform's API for the calls made on a person's behalf: the gateway, the one address
 *                       the platform promises (its routes, limits and correlation ids apply to these calls too)
 * @param issuer         the issuer the access tokens name (the platform's public address)
 * @param jwkSetUri      identity-service's keys, to check an access token before reading the person's roles
 * @param identity       identity-service's own address, for the token endpoint (server to server)
 * @param clientSecret   the secret of the client {@code nrm-web} (identity-service's
 *                       {@code nrm.identity.web.client-secret}); the application does not start without it
 * @param sessionTimeout how long a session lasts without a request (sign-in again after it)
 * @param apiTimeout     how long a page waits for the platform's answer before it says the platform did not
 *                       answer (a person is not kept waiting on a hung call)
 */
@Validated
@ConfigurationProperties("nrm.web")
public record WebProperties(@NotNull URI api, @NotNull URI issuer, @NotNull URI jwkSetUri, @NotNull URI identity,
                            @NotBlank(message = "must be set (NRM_WEB_CLIENTSECRET), the same as identity-service's "
                                    + "nrm.identity.web.client-secret") String clientSecret,
                            @DefaultValue("PT30M") @NotNull Duration sessionTimeout,
                            @DefaultValue("PT30S") @NotNull Duration apiTimeout) {
}
