package org.nrmplatform.referralservice.deadlines;

import java.time.Instant;

/**
 * A referral's response deadline, one document per referral in {@value #COLLECTION}. A deadline is
 * {@link State#PENDING} until due; then one instance claims it ({@link State#FIRING}, with itself as owner
 * until {@code leaseUntil}), escalates the referral and marks it {@link State#DONE}. A claim whose owner died
 * lapses with its lease and is claimed again.
 */
record Deadline(String id, Instant dueAt, State state, String owner, Instant leaseUntil, Instant firedAt) {

    static final String COLLECTION = "referral_deadlines";

    enum State {
        PENDING,
        FIRING,
        DONE,
        /** The provider answered (or the referral ended) before the deadline. */
        CANCELLED
    }
}
