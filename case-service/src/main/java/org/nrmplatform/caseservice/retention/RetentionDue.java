package org.nrmplatform.caseservice.retention;

import java.time.LocalDate;
import java.time.Period;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.contracts.cases.RetentionRule;

/**
 * When a closed case's retention period ends: {@code rule} keeps it for {@code period} from {@code from} (the
 * closure, or the end of its last proceedings) until {@code dueOn}.
 */
public record RetentionDue(RetentionRule rule, Period period, LocalDate from, LocalDate dueOn) {

    /** Who asks for a retention erasure: the installation's configuration, not a person. */
    public static final String REQUESTED_BY = "the installation's retention periods (nrm.retention)";

    /** The legal basis recorded with the erasure: the rule, its period and when it ended. */
    public LegalBasis toLegalBasis() {
        String since = rule == RetentionRule.PROCEEDINGS
                ? "after the proceedings ended on " : "after closure on ";
        return new LegalBasis("retention rule " + rule + ": kept " + period + " " + since + from + ", ended on "
                + dueOn, REQUESTED_BY);
    }
}
