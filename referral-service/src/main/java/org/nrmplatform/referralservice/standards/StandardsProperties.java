package org.nrmplatform.referralservice.standards;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param licenceAlertBefore how long before a licence's expiry the platform alerts (the event, the metric, the
 *                           listing of licences expiring). A change applies to licences recorded afterwards: the
 *                           alerts of those recorded before stay scheduled as they were.
 */
@Validated
@ConfigurationProperties("nrm.referral.standards")
public record StandardsProperties(
        @DefaultValue("60d") @NotNull @DurationMin(days = 1) @DurationMax(days = 730) Duration licenceAlertBefore) {
}
