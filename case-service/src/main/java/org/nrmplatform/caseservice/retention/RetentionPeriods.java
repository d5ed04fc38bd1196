package org.nrmplatform.caseservice.retention;

import java.time.LocalDate;
import java.util.Optional;
import org.nrmplatform.contracts.cases.RetentionRule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The one computation of when a case's retention ends, used by the case itself when it erases (so an erasure is
 * never early, whoever asked) and by the retention page's lists. An open case is never due, nor one with open
 * proceedings; otherwise the later of its outcome's period after closure and, if it had proceedings, the period
 * after the last ended.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionPeriods {

    private final RetentionProperties properties;

    public RetentionPeriods(RetentionProperties properties) {
        this.properties = properties;
    }

    public RetentionProperties properties() {
        return properties;
    }

    /**
     * @param closedOn   the day the case was closed; null while it is open
     * @param identified whether the person was identified as a victim (the stage the case was closed in)
     */
    public Optional<RetentionDue> due(LocalDate closedOn, boolean identified, Proceedings proceedings) {
        if (closedOn == null || proceedings.open() > 0) {
            return Optional.empty();
        }
        RetentionDue byOutcome = identified
                ? new RetentionDue(RetentionRule.IDENTIFIED, properties.identified(), closedOn,
                        closedOn.plus(properties.identified()))
                : new RetentionDue(RetentionRule.NOT_IDENTIFIED, properties.notIdentified(), closedOn,
                        closedOn.plus(properties.notIdentified()));
        if (proceedings.lastEndedOn() == null) {
            return Optional.of(byOutcome);
        }
        LocalDate ended = proceedings.lastEndedOn();
        RetentionDue byProceedings = new RetentionDue(RetentionRule.PROCEEDINGS, properties.afterProceedings(), ended,
                ended.plus(properties.afterProceedings()));
        return Optional.of(byProceedings.dueOn().isAfter(byOutcome.dueOn()) ? byProceedings : byOutcome);
    }
}
