package org.nrmplatform.identityservice.throttling;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.nrmplatform.throttling.Limit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How identity-service slows down guessing at its token endpoint and sign-in form (README of identity-service,
 * "Throttling"; docs/architecture.md, decision 36).
 *
 * @param tokenEndpoint   requests to {@code POST /oauth2/token} per client id and per source address
 * @param signIn          sign-in form submissions per user name and per source address
 * @param addressFailures refused secrets and passwords one source address may send, whatever the names
 * @param backoffAfter    failures in a row of one client id or user name that cost nothing; each one after them
 *                        doubles the wait before the next attempt, from {@code backoffBase} up to {@code backoffCap}
 * @param lockAfter       failures in a row after which a known account or client is locked for {@code lockFor}
 *                        (recorded as an event; an administrator may lift it)
 * @param failuresForgottenAfter a failure this old no longer counts towards back-off and lock
 * @param idleFor         how long a rate bucket is kept after its last request
 */
@Validated
@ConfigurationProperties("nrm.identity.throttling")
public record ThrottlingProperties(@NotNull @Valid TokenEndpoint tokenEndpoint, @NotNull @Valid SignIn signIn,
                                   @NotNull @Valid Limit addressFailures,
                                   @DefaultValue("3") @Min(0) int backoffAfter,
                                   @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration backoffBase,
                                   @DefaultValue("1m") @NotNull @DurationMin(millis = 1) Duration backoffCap,
                                   @DefaultValue("10") @Min(1) int lockAfter,
                                   @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration lockFor,
                                   @DefaultValue("24h") @NotNull @DurationMin(minutes = 1)
                                   Duration failuresForgottenAfter,
                                   @DefaultValue("1h") @NotNull @DurationMin(minutes = 1) Duration idleFor) {

    public record TokenEndpoint(@NotNull @Valid Limit perClient, @NotNull @Valid Limit perAddress) {
    }

    public record SignIn(@NotNull @Valid Limit perUser, @NotNull @Valid Limit perAddress) {
    }

    @AssertTrue(message = "nrm.identity.throttling.backoff-cap must not be shorter than backoff-base")
    public boolean isCapAboveBase() {
        return backoffBase == null || backoffCap == null || backoffCap.compareTo(backoffBase) >= 0;
    }

    /** The wait after the {@code failures}-th failure in a row: none at first, then doubling, capped. */
    Duration backoffAfter(int failures) {
        int doublings = failures - backoffAfter - 1;
        if (doublings < 0) {
            return Duration.ZERO;
        }
        // 2^30 times any base exceeds every sensible cap; stop shifting before the long overflows
        Duration wait = backoffBase.multipliedBy(1L << Math.min(doublings, 30));
        return wait.compareTo(backoffCap) > 0 ? backoffCap : wait;
    }
}
