package org.nrmplatform.evidence;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nrmplatform.evidence.StreamEvidence.CoveredHead;
import org.nrmplatform.evidence.VerificationReport.Finding;
import org.nrmplatform.evidence.VerificationReport.Problem;
import org.nrmplatform.evidence.VerificationReport.Status;

/**
 * Checks aggregate streams against their hash chain and a signed checkpoint, the same way in the services
 * (streams read from the store) and in the offline verifier (streams read from an export):
 *
 * <ol>
 *   <li>the checkpoint's signature, by the platform's public key, and each stream head's inclusion proof;</li>
 *   <li>per event: its content against its own hash ({@link EventHash}), its recorded predecessor hash against
 *       the stored predecessor, no hole in the sequence, global order rising with the sequence;</li>
 *   <li>per stream: the last event at or below the checkpoint's global index is the head the checkpoint
 *       signed, so that removing the last events of a stream, or the whole stream, shows.</li>
 * </ol>
 *
 * Events newer than the checkpoint are checked by their chain only, and counted.
 */
public final class ChainVerification {

    /** How far from its place a moved event is looked for, besides where its successor says it belongs. */
    private static final int REORDER_WINDOW = 32;

    private final List<Finding> findings = new ArrayList<>();
    private final Checkpoint checkpoint;
    private final boolean checkpointValid;
    private int streams;
    private int events;
    private int chained;
    private int afterCheckpoint;

    private ChainVerification(Checkpoint checkpoint, PublicKey key) {
        this.checkpoint = checkpoint;
        this.checkpointValid = checkpoint != null && checkpoint(checkpoint, key);
    }

    /**
     * @param checkpoint the covering checkpoint, or null when there is none yet
     * @param key        the platform's public key; needed when there is a checkpoint
     */
    public static VerificationReport verify(List<StreamEvidence> streams, Checkpoint checkpoint, PublicKey key) {
        ChainVerification verification = against(checkpoint, key);
        streams.forEach(verification::check);
        return verification.report();
    }

    /**
     * A verification that takes its streams one at a time, for more streams than fit in memory at once (a whole
     * store): {@link #check} each, then {@link #report}. The checkpoint's signature is checked here, once.
     */
    public static ChainVerification against(Checkpoint checkpoint, PublicKey key) {
        return new ChainVerification(checkpoint, key);
    }

    /** Checks one stream against its chain and, if valid, the checkpoint. */
    public void check(StreamEvidence stream) {
        streams++;
        stream(stream, checkpointValid ? checkpoint : null);
    }

    /** The events checked so far. */
    public int events() {
        return events;
    }

    /** What was found in the streams checked so far. */
    public VerificationReport report() {
        return report(streams, checkpoint, checkpointValid);
    }

    private boolean checkpoint(Checkpoint checkpoint, PublicKey key) {
        if (key == null || !SigningKey.keyId(key).equals(checkpoint.keyId())) {
            findings.add(new Finding(Problem.CHECKPOINT_INVALID, null, null, null, null,
                    "checkpoint " + checkpoint.number() + " was signed by key " + checkpoint.keyId()
                            + ", not by the key given" + (key == null ? "" : " (" + SigningKey.keyId(key) + ")")));
            return false;
        }
        if (!checkpoint.signatureVerifies(key)) {
            findings.add(new Finding(Problem.CHECKPOINT_INVALID, null, null, null, null,
                    "the signature of checkpoint " + checkpoint.number() + " does not verify: the checkpoint "
                            + "was changed after it was signed"));
            return false;
        }
        return true;
    }

    private void stream(StreamEvidence stream, Checkpoint checkpoint) {
        List<StoredEvent> stored = stream.events();
        Map<String, StoredEvent> byHash = new HashMap<>();
        Map<String, StoredEvent> byPreviousHash = new HashMap<>();
        for (StoredEvent event : stored) {
            if (event.chained()) {
                byHash.putIfAbsent(event.hash(), event);
                byPreviousHash.putIfAbsent(event.previousHash(), event);
            }
        }
        int streamFindings = findings.size();
        StoredEvent previous = null;
        boolean previousWrong = false;
        long unchainedFrom = -1;
        long unchainedTo = -1;
        for (StoredEvent event : stored) {
            events++;
            int before = findings.size();
            long expected = previous == null ? 0 : previous.sequenceNumber() + 1;
            boolean hole = event.sequenceNumber() > expected;
            if (hole) {
                add(stream, Problem.REMOVED, expected, null, expected == event.sequenceNumber() - 1
                        ? "sequence " + expected + " is missing: the stream goes on at " + event.sequenceNumber()
                        : "sequences " + expected + " to " + (event.sequenceNumber() - 1)
                        + " are missing: the stream goes on at " + event.sequenceNumber());
            }
            if (!event.chained()) {
                unchainedFrom = unchainedFrom < 0 ? event.sequenceNumber() : unchainedFrom;
                unchainedTo = event.sequenceNumber();
            } else {
                chained++;
                if (!content(stream, event, byPreviousHash) && !hole && !previousWrong) {
                    link(stream, event, previous, byHash);
                }
            }
            if (findings.size() == before && previous != null && event.globalIndex() <= previous.globalIndex()) {
                add(stream, Problem.REORDERED, event.sequenceNumber(), event.globalIndex(),
                        "global index " + event.globalIndex() + " is not after its predecessor's ("
                                + previous.globalIndex() + ")");
            }
            if (checkpoint != null && event.globalIndex() > checkpoint.globalIndex()) {
                afterCheckpoint++;
            }
            // an event found wrong is not held against its successor's link as well
            previousWrong = findings.size() > before && !hole;
            previous = event;
        }
        if (unchainedFrom >= 0) {
            add(stream, Problem.NOT_CHAINED, unchainedFrom, null, "sequences " + unchainedFrom + " to " + unchainedTo
                    + " carry no hash (stored before the hash chain, or with it turned off): not checked");
        }
        if (checkpoint != null) {
            head(stream, checkpoint, findings.size() > streamFindings);
        }
    }

    /**
     * The event against its own hash; false when it matches. An event whose hash matches it at another sequence
     * number of the stream (its successor's record, or nearby) was moved there.
     */
    private boolean content(StreamEvidence stream, StoredEvent event, Map<String, StoredEvent> byPreviousHash) {
        if (EventHash.of(event).equals(event.hash())) {
            return false;
        }
        StoredEvent successor = byPreviousHash.get(event.hash());
        List<Long> candidates = new ArrayList<>();
        if (successor != null) {
            candidates.add(successor.sequenceNumber() - 1);
        }
        for (long offset = 1; offset <= REORDER_WINDOW; offset++) {
            candidates.add(event.sequenceNumber() + offset);
            candidates.add(event.sequenceNumber() - offset);
        }
        for (long hashedAt : candidates) {
            if (hashedAt >= 0 && hashedAt != event.sequenceNumber()
                    && EventHash.of(event.withSequenceNumber(hashedAt)).equals(event.hash())) {
                add(stream, Problem.REORDERED, event.sequenceNumber(), event.globalIndex(),
                        "stored as sequence " + event.sequenceNumber() + " but hashed as sequence " + hashedAt);
                return true;
            }
        }
        add(stream, Problem.ALTERED, event.sequenceNumber(), event.globalIndex(),
                "its stored content does not match its hash: changed after it was stored");
        return true;
    }

    /** The event's recorded predecessor hash against the stored predecessor. */
    private void link(StreamEvidence stream, StoredEvent event, StoredEvent previous, Map<String, StoredEvent> byHash) {
        String expected = previous == null ? EventHash.GENESIS : previous.hash();
        if (event.previousHash().equals(expected)) {
            return;
        }
        if (previous != null && !previous.chained() && event.previousHash().equals(EventHash.GENESIS)) {
            return; // the chain starts after events stored without hashes
        }
        StoredEvent claimed = byHash.get(event.previousHash());
        if (claimed != null) {
            add(stream, Problem.REORDERED, event.sequenceNumber(), event.globalIndex(), "hashed as the successor of "
                    + "sequence " + claimed.sequenceNumber() + ", stored after sequence "
                    + (previous == null ? "none" : previous.sequenceNumber()));
        } else if (previous != null) {
            add(stream, Problem.ALTERED, previous.sequenceNumber(), previous.globalIndex(),
                    "replaced: its hash is not the one its successor (sequence " + event.sequenceNumber()
                            + ") recorded when it was stored");
        } else {
            add(stream, Problem.ALTERED, event.sequenceNumber(), event.globalIndex(),
                    "the first event of the stream names a predecessor: events before it were removed");
        }
    }

    /** Whether the stream ends, at the checkpoint's global index, where the checkpoint says it did. */
    private void head(StreamEvidence stream, Checkpoint checkpoint, boolean alreadyWrong) {
        StoredEvent lastCovered = null;
        for (StoredEvent event : stream.events()) {
            if (event.globalIndex() <= checkpoint.globalIndex()
                    && (lastCovered == null || event.sequenceNumber() > lastCovered.sequenceNumber())) {
                lastCovered = event;
            }
        }
        CoveredHead covered = stream.head();
        if (covered == null) {
            if (lastCovered != null) {
                add(stream, Problem.ADDED, lastCovered.sequenceNumber(), lastCovered.globalIndex(),
                        "stored at global index " + lastCovered.globalIndex() + ", at or below checkpoint "
                                + checkpoint.number() + "'s " + checkpoint.globalIndex()
                                + ", but the checkpoint has no head for this stream");
            }
            return;
        }
        StreamHead head = covered.head();
        if (!head.aggregateIdentifier().equals(stream.aggregateIdentifier())
                || !HeadTree.proves(head, covered.leafIndex(), checkpoint.streams(), covered.proof(),
                checkpoint.root())) {
            add(stream, Problem.CHECKPOINT_INVALID, null, null, "the stream's head (sequence "
                    + head.sequenceNumber() + ") is not proven to be in checkpoint " + checkpoint.number());
            return;
        }
        if (lastCovered == null) {
            add(stream, Problem.REMOVED, 0L, null, "checkpoint " + checkpoint.number()
                    + " recorded this stream up to sequence " + head.sequenceNumber() + "; none of it is stored");
        } else if (lastCovered.sequenceNumber() < head.sequenceNumber()) {
            long from = lastCovered.sequenceNumber() + 1;
            add(stream, Problem.REMOVED, from, null, "checkpoint " + checkpoint.number()
                    + " recorded this stream up to sequence " + head.sequenceNumber() + "; the stored stream ends at "
                    + lastCovered.sequenceNumber());
        } else if (lastCovered.sequenceNumber() > head.sequenceNumber()) {
            add(stream, Problem.ADDED, head.sequenceNumber() + 1, null, "checkpoint " + checkpoint.number()
                    + " recorded this stream up to sequence " + head.sequenceNumber() + "; later events are stored "
                    + "at or below its global index " + checkpoint.globalIndex());
        } else if (head.hash() != null && !head.hash().equals(lastCovered.hash()) && !alreadyWrong) {
            add(stream, Problem.ALTERED, lastCovered.sequenceNumber(), lastCovered.globalIndex(),
                    "its hash differs from the one checkpoint " + checkpoint.number() + " recorded");
        }
    }

    private void add(StreamEvidence stream, Problem problem, Long sequence, Long globalIndex, String detail) {
        findings.add(new Finding(problem, stream.aggregateType(), stream.aggregateIdentifier(), sequence,
                globalIndex, detail));
    }

    private VerificationReport report(int streams, Checkpoint checkpoint, boolean checkpointValid) {
        Finding first = findings.stream().filter(finding -> finding.problem().tampering()).findFirst().orElse(null);
        Status status = first != null ? Status.TAMPERED
                : chained < events ? Status.NOT_CHAINED : Status.INTACT;
        String summary = switch (status) {
            case TAMPERED -> first.aggregateIdentifier() == null
                    ? first.detail()
                    : first.problem() + ": " + first.aggregateType() + " " + first.aggregateIdentifier()
                    + (first.sequenceNumber() == null ? "" : " sequence " + first.sequenceNumber())
                    + ": " + first.detail();
            case NOT_CHAINED -> (events - chained) + " of " + events + " events carry no hash and were not checked;"
                    + " nothing else is wrong";
            case INTACT -> events + " events in " + streams + " streams are intact";
        };
        if (checkpoint == null) {
            summary += "; no checkpoint covers them yet, so removal of a stream's last events cannot be detected";
        } else if (checkpointValid) {
            summary += "; checkpoint " + checkpoint.number() + " covers global index " + checkpoint.globalIndex()
                    + (afterCheckpoint > 0 ? " (" + afterCheckpoint + " newer events are checked by their chain only)"
                    : "");
        }
        return new VerificationReport(status, summary, first, List.copyOf(findings), streams, events, chained,
                afterCheckpoint, checkpoint);
    }
}
