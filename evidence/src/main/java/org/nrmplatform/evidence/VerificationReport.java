package org.nrmplatform.evidence;

import java.util.List;

/**
 * What a verification found. {@code status} is {@code INTACT} when every event is chained, matches its hash
 * and its predecessor, and every stream reaches the head its checkpoint signed; {@code TAMPERED} when
 * anything was altered, removed, reordered or added, or the checkpoint does not verify; {@code NOT_CHAINED}
 * when nothing is wrong but some events were stored before the hash chain and cannot be checked.
 * {@code firstProblem} names the first event found wrong, in stream order (the case first), then sequence.
 */
public record VerificationReport(Status status, String summary, Finding firstProblem, List<Finding> findings,
                                 int streams, int events, int chainedEvents, int eventsAfterCheckpoint,
                                 Checkpoint checkpoint) {

    public enum Status {
        INTACT, TAMPERED, NOT_CHAINED
    }

    /** What is wrong with an event, a stream or the checkpoint. */
    public enum Problem {
        /** The stored content no longer matches the hash it was stored with, or a stored hash was replaced. */
        ALTERED,
        /** Events are missing: a hole in the sequence, or the end of a stream (or all of it) the checkpoint saw. */
        REMOVED,
        /** An event sits at a place in its stream, or in the global order, other than the one it was hashed at. */
        REORDERED,
        /** Events the checkpoint did not see although they are stored at or below its global index. */
        ADDED,
        /** The checkpoint's signature or a stream's inclusion proof does not verify. */
        CHECKPOINT_INVALID,
        /** Stored before the hash chain: cannot be checked (not a sign of tampering). */
        NOT_CHAINED;

        boolean tampering() {
            return this != NOT_CHAINED;
        }
    }

    /**
     * One thing found. {@code sequenceNumber} and {@code globalIndex} are null where the finding concerns a
     * whole stream or the checkpoint.
     */
    public record Finding(Problem problem, String aggregateType, String aggregateIdentifier, Long sequenceNumber,
                          Long globalIndex, String detail) {
    }

    public boolean intact() {
        return status == Status.INTACT;
    }
}
