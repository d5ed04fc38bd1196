package org.nrmplatform.caseservice.plans;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How assistance plans are reviewed.
 *
 * @param reviewInterval how long after the plan is begun, and after each review, the next review is due
 * @param pollInterval   how often each instance looks for reviews overdue: the most an escalation comes late
 */
@Validated
@ConfigurationProperties("nrm.plans")
public record PlanProperties(
        @DefaultValue("90d") @NotNull @DurationMin(days = 1) @DurationMax(days = 366) Duration reviewInterval,
        @DefaultValue("1m") @NotNull @DurationMin(millis = 50) @DurationMax(hours = 1) Duration pollInterval) {
}
