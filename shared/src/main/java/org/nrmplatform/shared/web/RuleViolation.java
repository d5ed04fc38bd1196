package org.nrmplatform.shared.web;

import org.springframework.http.HttpStatus;

/**
 * A command refused because of the state of the thing it acts on ({@link Kind#CONFLICT}: closed case,
 * step already taken) or because it breaks a rule of the process ({@link Kind#UNPROCESSABLE}: a child's
 * case decided without a guardian). The message says why, in words a caseworker understands.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        CONFLICT(HttpStatus.CONFLICT),
        UNPROCESSABLE(HttpStatus.UNPROCESSABLE_CONTENT);

        private final HttpStatus status;

        Kind(HttpStatus status) {
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }

    private final Kind kind;
    private final String field;

    private RuleViolation(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static RuleViolation conflict(String message) {
        return new RuleViolation(Kind.CONFLICT, null, message);
    }

    public static RuleViolation unprocessable(String field, String message) {
        return new RuleViolation(Kind.UNPROCESSABLE, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or null when the state as a whole is. */
    public String field() {
        return field;
    }
}
