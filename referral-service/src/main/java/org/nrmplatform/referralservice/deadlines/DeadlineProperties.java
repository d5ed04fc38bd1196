package org.nrmplatform.referralservice.deadlines;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How response deadlines are watched.
 *
 * @param pollInterval how often each instance looks for due deadlines: the most a deadline fires late
 * @param lease        how long an instance that claimed a deadline has to escalate it before another instance
 *                     may claim it again (the first one having died, say)
 */
@Validated
@ConfigurationProperties("nrm.referral.deadlines")
record DeadlineProperties(
        @DefaultValue("1s") @NotNull @DurationMin(millis = 50) @DurationMax(minutes = 5) Duration pollInterval,
        @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration lease) {
}
