package org.nrmplatform.contracts.cases;

/**
 * Why a closed case's personal data is kept until a day, and erased then (the installation's retention periods):
 * by the case's outcome after its closure, or after the proceedings on it ended.
 */
public enum RetentionRule {
    /** Closed without a decision that the person is a victim: not identified, or closed before a decision. */
    NOT_IDENTIFIED,
    /** Closed after the person was identified as a victim. */
    IDENTIFIED,
    /** A prosecutor recorded a legal basis (proceedings): kept until they end, and a period after. */
    PROCEEDINGS
}
