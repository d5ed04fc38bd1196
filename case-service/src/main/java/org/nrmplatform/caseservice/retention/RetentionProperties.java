package org.nrmplatform.caseservice.retention;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.util.stream.Stream;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a closed case's personal data is kept (ISO-8601 periods, e.g. {@code P5Y}), and when the daily
 * retention run erases the cases whose period ended.
 *
 * @param notIdentified    after the closure of a case whose person was not identified as a victim (a decision
 *                         "not identified", or closed before any decision)
 * @param identified       after the closure of a case whose person was identified as a victim
 * @param afterProceedings after the last proceedings on the case ended (a prosecutor closed its legal basis);
 *                         while any proceedings are open the case is kept whatever the other periods say
 * @param runAt            the time of day (UTC) of the daily run
 * @param pollInterval     how often each instance looks whether a day's run is owed: the most a run starts late
 * @param lease            how long the instance that claimed a day's run has before another may take it over
 */
@Validated
@ConfigurationProperties("nrm.retention")
public record RetentionProperties(
        @DefaultValue("P5Y") @NotNull Period notIdentified,
        @DefaultValue("P10Y") @NotNull Period identified,
        @DefaultValue("P1Y") @NotNull Period afterProceedings,
        @DefaultValue("02:00") @NotNull LocalTime runAt,
        @DefaultValue("1m") @NotNull @DurationMin(millis = 50) @DurationMax(hours = 1) Duration pollInterval,
        @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration lease) {

    /** A period runs forward: a negative one (or one of months that goes back in days) would erase early. */
    @AssertTrue(message = "retention periods are zero or more, each of its years, months and days (e.g. P5Y)")
    public boolean isForward() {
        return Stream.of(notIdentified, identified, afterProceedings)
                .allMatch(period -> period == null || period.getYears() >= 0 && period.getMonths() >= 0
                        && period.getDays() >= 0);
    }
}
