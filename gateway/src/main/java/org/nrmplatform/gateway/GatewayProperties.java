package org.nrmplatform.gateway;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the backend services live and how much a caller may send.
 *
 * @param services       base URLs of the backend services, one per route
 * @param maxRequestSize  largest request body forwarded to a backend
 * @param requestDeadline longest a request waits at the gateway, whatever holds it (then 504); longer than a
 *                        route's response timeout (30 s), which it backs up
 */
@Validated
@ConfigurationProperties("nrm.gateway")
public record GatewayProperties(@NotNull @Valid Services services, @NotNull DataSize maxRequestSize,
                                @DefaultValue("PT45S") @NotNull Duration requestDeadline) {

    /** @param web the web application (module web), serving people's pages under {@code /web} */
    public record Services(@NotNull URI caseService, @NotNull URI referralService, @NotNull URI identityService,
                           @NotNull URI web) {
    }
}
