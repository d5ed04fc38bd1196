package org.nrmplatform.shared.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.HeadTree;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.StoredEvent;
import org.nrmplatform.evidence.StreamEvidence;
import org.nrmplatform.evidence.StreamEvidence.CoveredHead;
import org.nrmplatform.evidence.StreamHead;

/**
 * The event store as evidence: streams exactly as stored, with their hashes, and the latest checkpoint with
 * the heads it signed, ready for {@link org.nrmplatform.evidence.ChainVerification} and for exports.
 * Reads are outside any transaction.
 */
public class EventEvidence {

    private final EventDatabase database;
    private final CheckpointStore checkpoints;
    private final int batchSize;
    private final SigningKey key;

    EventEvidence(EventDatabase database, int batchSize, SigningKey key) {
        this.database = database;
        this.checkpoints = new CheckpointStore(database.outsideTransactions());
        this.batchSize = batchSize;
        this.key = key;
    }

    /** The platform's checkpoint key (its public half is what verifiers need); empty where none is configured. */
    public Optional<SigningKey> signingKey() {
        return Optional.ofNullable(key);
    }

    /** The latest complete checkpoint, if any was written yet. */
    public Optional<Checkpoint> latestCheckpoint() {
        return checkpoints.latest();
    }

    /** The heads of all streams that {@code checkpoint} signed, rebuilt from what the store kept of them. */
    public HeadTree headsAt(Checkpoint checkpoint) {
        return checkpoints.treeAt(checkpoint.number());
    }

    /**
     * Every stream there is evidence of: each aggregate with a stored event, and each stream {@code tree} (a
     * checkpoint's heads) signed, stored or not, so that a stream removed whole is found too. Sorted.
     */
    public SortedSet<String> streamIdentifiers(HeadTree tree) {
        SortedSet<String> identifiers = new TreeSet<>();
        database.outsideTransactions().getCollection(EventDocuments.EVENTS)
                .distinct(EventDocuments.AGGREGATE_IDENTIFIER, String.class)
                .forEach(identifier -> {
                    if (identifier != null) { // events of no aggregate are in no stream
                        identifiers.add(identifier);
                    }
                });
        if (tree != null) {
            tree.heads().forEach(head -> identifiers.add(head.aggregateIdentifier()));
        }
        return identifiers;
    }

    /**
     * One stream as stored, in sequence order, read on past holes (events removed), at least up to the head the
     * tree records for it; with that head and its inclusion proof when {@code tree} is given.
     */
    public StreamEvidence stream(String aggregateType, String aggregateIdentifier, HeadTree tree) {
        int index = tree == null ? -1 : tree.indexOf(aggregateIdentifier);
        StreamHead head = index < 0 ? null : tree.heads().get(index);
        List<StoredEvent> events = new ArrayList<>();
        AggregateEventReader.withHoles(database.outsideTransactions().getCollection(EventDocuments.EVENTS),
                        aggregateIdentifier, batchSize, head == null ? 0 : head.sequenceNumber())
                .map(EventDocuments::stored)
                .forEach(events::add);
        String type = aggregateType != null || events.isEmpty() ? aggregateType : events.get(0).aggregateType();
        return new StreamEvidence(aggregateIdentifier, type, events,
                head == null ? null : new CoveredHead(head, index, tree.proof(index)));
    }
}
