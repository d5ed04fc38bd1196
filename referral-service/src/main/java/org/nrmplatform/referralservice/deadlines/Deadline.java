package org.nrmplatform.referralservice.deadlines;

import java.time.Instant;
import java.util.UUID;

/**
 * A deadline the platform acts on when it comes due, one document each in {@value #COLLECTION}: a referral's
 * response deadline (its id is the referral's: {@code kind} and {@code target} were added later and are absent
 * from those), a task's reminder or its due date ({@link Kind}; {@code target} the task). A deadline is
 * {@link State#PENDING} until due; then one instance claims it ({@link State#FIRING}, with itself as owner
 * until {@code leaseUntil}), escalates the referral and marks it {@link State#DONE}. A claim whose owner died
 * lapses with its lease and is claimed again. A licence's expiry alert ({@link Kind#LICENCE_EXPIRY}) has the
 * organisation as {@code target}, and {@code licence} and {@code expiresOn} (an ISO date) name the expiry it warns of.
 */
record Deadline(String id, Instant dueAt, State state, String owner, Instant leaseUntil, Instant firedAt,
                Kind kind, String target, String licence, String expiresOn) {

    static final String COLLECTION = "referral_deadlines";

    /** What comes due, and so which command the watch sends. */
    enum Kind {
        /** The provider has not answered the referral: escalated to the referring organisation. */
        REFERRAL_RESPONSE,
        /** A task's reminder to the organisation that owes it. */
        TASK_REMINDER,
        /** A task still open when due: escalated to the organisation that assigned it. */
        TASK_DUE,
        /** A provider's licence expires soon: the alert before it. */
        LICENCE_EXPIRY
    }

    /** A referral's deadline stored before kinds existed is a response deadline. */
    Kind kindOrResponse() {
        return kind == null ? Kind.REFERRAL_RESPONSE : kind;
    }

    /** The referral or task the deadline is for. */
    UUID targetId() {
        return UUID.fromString(target == null ? id : target);
    }

    enum State {
        PENDING,
        FIRING,
        DONE,
        /** The provider answered (or the referral ended) before the deadline. */
        CANCELLED
    }
}
