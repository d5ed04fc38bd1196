package org.nrmplatform.caseservice.feedback;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param linkValidity how long a feedback link can be used after it is issued (default 14 days: long enough to
 *                     open it in a calm moment, short enough that a forgotten link does not stay open)
 */
@Validated
@ConfigurationProperties("nrm.feedback")
public record FeedbackProperties(@DefaultValue("P14D") @NotNull Duration linkValidity) {

    public FeedbackProperties {
        if (linkValidity != null && (linkValidity.isNegative() || linkValidity.isZero())) {
            throw new IllegalArgumentException("nrm.feedback.link-validity must be positive");
        }
    }
}
