package org.nrmplatform.shared.domain;

/**
 * A command refused because of the state of the thing it acts on ({@link Kind#STATE_DOES_NOT_ALLOW}: closed
 * case, step already taken) or because it breaks a rule of the process ({@link Kind#RULE_NOT_MET}: a child's
 * case decided without a guardian). The message says why, in words a caseworker understands. The kind is the
 * domain's; what a caller is answered for each is decided in one place, the web layer's {@code ProblemResponses}.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        /** The record's current state does not allow the step (closed, already done, not yet due). */
        STATE_DOES_NOT_ALLOW,
        /** The step breaks a rule of the process, usually about one field of it. */
        RULE_NOT_MET
    }

    private final Kind kind;
    private final String field;

    private RuleViolation(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static RuleViolation stateDoesNotAllow(String message) {
        return new RuleViolation(Kind.STATE_DOES_NOT_ALLOW, null, message);
    }

    public static RuleViolation ruleNotMet(String field, String message) {
        return new RuleViolation(Kind.RULE_NOT_MET, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or null when the state as a whole is. */
    public String field() {
        return field;
    }
}
