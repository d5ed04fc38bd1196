package org.nrmplatform.throttling;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * At most {@code requests} in any {@code per}, refilled gradually (a caller that waits a fraction of the period
 * gets that fraction back), as a properties value: {@code {requests: 600, per: 1m}}.
 */
public record Limit(@Positive long requests, @NotNull @DurationMin(millis = 1) Duration per) {

    public BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, per))
                .build();
    }

    @Override
    public String toString() {
        return requests + " per " + per;
    }
}
