package org.nrmplatform.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.nrmplatform.throttling.Limit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests the gateway forwards per caller, route by route (README, "Rate limits"). A request with a
 * valid token counts against its client (and, for a person's token, that person: everyone signs in through the
 * same client); one without a token against its source address. Buckets live in the platform's store, so every
 * gateway instance counts against the same ones and a restart forgets nothing (docs/architecture.md, decision 36).
 *
 * @param enabled    off only where something else limits requests (a benchmark measuring the services' ceiling)
 * @param storeUri   the platform's store (the services' {@code nrm.store.uri})
 * @param database   the gateway's own database there; it holds nothing but the buckets
 * @param perClient  what a client (or a person) may send on a route that does not say otherwise
 * @param perAddress what one source address may send without a token on a route that does not say otherwise
 * @param routes     per route id ({@code case-service}, {@code identity-service}, ...): its own limits; a
 *                   limit left out there is the default above
 * @param idleFor    how long a bucket is kept after its last request (longer than any limit's period)
 * @param unsynchronisedRequests requests an instance may count on its own copy of a bucket before it writes to the
 *                   store (0: every request reads and writes the store); each instance may then let through up
 *                   to this many more than the limit, and in return most requests cost no round trip to the store
 * @param unsynchronisedFor the longest an instance counts on its own copy before it writes to the store
 */
@Validated
@ConfigurationProperties("nrm.gateway.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @NotNull URI storeUri,
                                  @DefaultValue("nrm_gateway") @NotBlank String database,
                                  @NotNull @Valid Limit perClient, @NotNull @Valid Limit perAddress,
                                  @DefaultValue Map<String, @Valid RouteLimits> routes,
                                  @DefaultValue("PT1H") @NotNull @DurationMin(minutes = 1) Duration idleFor,
                                  @DefaultValue("20") @Min(0) long unsynchronisedRequests,
                                  @DefaultValue("PT0.5S") @NotNull @DurationMin(millis = 1)
                                  Duration unsynchronisedFor) {

    /** One route's limits; either may be left out (the default applies). */
    public record RouteLimits(@Valid Limit perClient, @Valid Limit perAddress) {
    }

    Limit perClient(String routeId) {
        RouteLimits route = routes.get(routeId);
        return route != null && route.perClient() != null ? route.perClient() : perClient;
    }

    Limit perAddress(String routeId) {
        RouteLimits route = routes.get(routeId);
        return route != null && route.perAddress() != null ? route.perAddress() : perAddress;
    }
}
