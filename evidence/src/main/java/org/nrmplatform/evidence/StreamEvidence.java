package org.nrmplatform.evidence;

import java.util.List;

/**
 * One aggregate stream as presented for verification: its stored events in sequence order, and where the
 * checkpoint says it ended.
 *
 * @param head      the stream's head at the checkpoint with its inclusion proof, or null when the checkpoint
 *                  holds no head for it (a stream begun after the checkpoint, or no checkpoint at all)
 */
public record StreamEvidence(String aggregateIdentifier, String aggregateType, List<StoredEvent> events,
                             CoveredHead head) {

    public StreamEvidence {
        events = List.copyOf(events);
    }

    /** A stream's head in a checkpoint's tree: leaf {@code leafIndex}, with the sibling hashes up to the root. */
    public record CoveredHead(StreamHead head, long leafIndex, List<String> proof) {

        public CoveredHead {
            proof = proof == null ? List.of() : List.copyOf(proof);
        }
    }
}
