package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;

/**
 * Axon's event storage on MongoDB, with a global sequence: every event gets the next number of a counter
 * when it is appended, and processors track that number with Axon's {@link GapAwareTrackingToken}, whose
 * position shows replay progress. See {@link GlobalSequence} for how numbers are handed out and
 * {@link TrackedEventReader} for how processors read them, in order and in one pass.
 *
 * <p>Optimistic concurrency is a unique index on aggregate identifier and sequence number: a conflicting
 * append fails with Axon's {@code ConcurrencyException} (or {@code AggregateStreamCreationException} for a
 * first event) and leaves nothing behind. Its numbers are recorded as abandoned, so readers do not wait
 * for them; where a transaction rolls an append back, that happens once the rollback is done. An event whose
 * identifier is stored already is refused the same way (a unique index too), as by Axon's own engines, and an
 * event that belongs to no aggregate is stored and read back as one ({@link EventDocuments}).
 *
 * <p>With the hash chain on (the default), every event carries the hash of its predecessor in its aggregate
 * stream and its own ({@link StreamHeads}, {@link org.nrmplatform.evidence.EventHash}).
 */
public class SequencedMongoEventStorageEngine extends AbstractEventStorageEngine {

    private static final int WRITE_CONFLICT = 112;

    private final EventDatabase database;
    private final GlobalSequence sequence;
    /** The sequence as processors read it: only what a crash of the store cannot take back. */
    private final GlobalSequence durableSequence;
    private final TrackingSettings tracking;
    private final AppendHook appendHook;
    private final StreamHeads streamHeads;
    /**
     * Whether the store holds snapshots. None of the platform's aggregates take snapshots, so every aggregate load
     * would ask for one in vain: a round trip of four per command. Until a snapshot is seen (stored here, or found
     * by a look at most every {@link #SNAPSHOT_RECHECK_NANOS} for one stored by another instance) loads skip the
     * lookup; a load without its snapshot reads the stream from the start, which is correct, only longer.
     */
    private volatile boolean snapshotsStored;
    private volatile long snapshotsCheckedAt;
    private static final long SNAPSHOT_RECHECK_NANOS = 10_000_000_000L;

    private SequencedMongoEventStorageEngine(Builder builder) {
        super(builder);
        this.database = builder.database;
        this.sequence = new GlobalSequence(database.outsideTransactions());
        this.durableSequence = new GlobalSequence(database.outsideTransactions(), durable(database));
        this.tracking = new TrackingSettings(builder.batchSize, builder.gapTimeout, builder.maxGapOffset);
        this.appendHook = builder.appendHook;
        this.streamHeads = builder.hashChain ? new StreamHeads(builder.streamHeadCacheSize) : null;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Creates the indexes the engine relies on and makes sure the counter is ahead of the stored events. */
    public void ensureSchema() {
        MongoDatabase plain = database.outsideTransactions();
        EventDocuments.ensureIndexes(plain.getCollection(EventDocuments.EVENTS));
        sequence.coverStoredEvents();
    }

    private static MongoCollection<Document> events(MongoDatabase database) {
        return database.getCollection(EventDocuments.EVENTS);
    }

    private static MongoCollection<Document> snapshots(MongoDatabase database) {
        return database.getCollection(EventDocuments.SNAPSHOTS);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        // serialized before numbers are taken: the less time between number and insert, the shorter readers wait
        List<Document> documents = events.stream().map(message -> EventDocuments.event(message, serializer)).toList();
        Map<String, String> predecessors = streamHeads == null
                ? Map.of() : streamHeads.predecessors(documents, events(database.inTransaction()));
        int count = documents.size();
        long first = sequence.take(count);
        Instant sequencedAt = Instant.now();
        for (int i = 0; i < count; i++) {
            EventDocuments.sequence(documents.get(i), first + i, sequencedAt);
        }
        if (streamHeads != null) {
            try {
                // after numbering: the global index is part of what is hashed
                streamHeads.chain(documents, predecessors);
            } catch (RuntimeException e) {
                sequence.abandon(first, count); // readers must not wait for numbers that will never be stored
                throw e;
            }
        }
        appendHook.sequenced(first, count);
        boolean transactional = database.afterRollback(() -> sequence.abandon(first, count));
        try {
            events(database.inTransaction()).insertMany(documents);
            if (streamHeads != null) {
                database.afterCommit(() -> streamHeads.committed(documents));
            }
        } catch (MongoException e) {
            if (!transactional) {
                undo(events, first, e);
            }
            handlePersistenceException(e, failedEvent(e, events));
        }
    }

    /** The event whose insert failed, so that the exception names the aggregate that conflicted. */
    private static EventMessage<?> failedEvent(MongoException e, List<? extends EventMessage<?>> messages) {
        return e instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()
                ? messages.get(bulk.getWriteErrors().get(0).getIndex())
                : messages.get(0);
    }

    /**
     * Without a transaction a failed insert may have stored the events before the one that failed (a unit of
     * work appending to several aggregates): they are removed, so the append leaves nothing behind, and its
     * numbers are released. Only documents that are this append's events go, checked by event identifier.
     */
    private void undo(List<? extends EventMessage<?>> messages, long first, MongoException failure) {
        try {
            MongoCollection<Document> events = events(database.outsideTransactions());
            Set<String> ours = messages.stream().map(EventMessage::getIdentifier).collect(Collectors.toSet());
            List<Long> numbers = LongStream.range(first, first + messages.size()).boxed().toList();
            List<Long> inserted = new ArrayList<>();
            events.find(in(EventDocuments.GLOBAL_INDEX, numbers))
                    .projection(Projections.include(EventDocuments.EVENT_IDENTIFIER))
                    .forEach(stored -> {
                        if (ours.contains(stored.getString(EventDocuments.EVENT_IDENTIFIER))) {
                            inserted.add(EventDocuments.globalIndex(stored));
                        }
                    });
            if (!inserted.isEmpty()) {
                events.deleteMany(in(EventDocuments.GLOBAL_INDEX, inserted));
            }
            sequence.abandon(first, messages.size());
        } catch (MongoException undoFailed) {
            failure.addSuppressed(undoFailed);
        }
    }

    /** Replaces the aggregate's snapshot unless the stored one is as recent or more. */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        try {
            snapshots(database.inTransaction()).replaceOne(
                    and(eq(EventDocuments.SNAPSHOT_OF, snapshot.getAggregateIdentifier()),
                            lt(EventDocuments.SEQUENCE_NUMBER, snapshot.getSequenceNumber())),
                    EventDocuments.snapshot(snapshot, serializer), new ReplaceOptions().upsert(true));
            snapshotsStored = true;
        } catch (MongoException e) {
            if (!isDuplicateKey(e)) { // a duplicate: the stored snapshot is as recent or more
                throw new EventStoreException("Failed to store a snapshot of " + snapshot.getAggregateIdentifier(), e);
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        if (!snapshotsStored) {
            long now = System.nanoTime();
            if (snapshotsCheckedAt != 0 && now - snapshotsCheckedAt < SNAPSHOT_RECHECK_NANOS) {
                return Stream.empty();
            }
            snapshotsStored = snapshots(database.outsideTransactions()).find().limit(1).first() != null;
            snapshotsCheckedAt = now;
            if (!snapshotsStored) {
                return Stream.empty();
            }
        }
        Document snapshot = snapshots(database.inTransaction())
                .find(eq(EventDocuments.SNAPSHOT_OF, aggregateIdentifier)).first();
        return Stream.ofNullable(snapshot).map(EventDocuments::entry);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        return AggregateEventReader.stream(events(database.inTransaction()), aggregateIdentifier, firstSequenceNumber,
                tracking.batchSize(), null).map(EventDocuments::entry);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return TrackedEventReader.stream(events(durable(database)), durableSequence, tracking,
                startingPoint(trackingToken));
    }

    /**
     * Processors read with read concern {@code majority}: what they see is on the disk (MongoDB: on a majority of
     * the replica set). An event that a crash takes back must not have been seen: its number is handed out again
     * after the restart, and a processor that had moved past it would skip the event that then holds it.
     */
    private static MongoDatabase durable(EventDatabase database) {
        return database.outsideTransactions().withReadConcern(ReadConcern.MAJORITY);
    }

    private static GapAwareTrackingToken startingPoint(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(0, Set.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("This event store tracks with GapAwareTrackingToken, not " + token);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return AggregateEventReader.stream(events(database.inTransaction()), aggregateIdentifier, 0,
                        tracking.batchSize(), Projections.include(EventDocuments.SEQUENCE_NUMBER))
                .reduce((earlier, later) -> later)
                .map(last -> last.getLong(EventDocuments.SEQUENCE_NUMBER));
    }

    /** Before the first event: numbers start at 1. Null while the store is empty, as Axon's engines do. */
    @Override
    public TrackingToken createTailToken() {
        return sequence.head() == 0 ? null : positionBefore(1);
    }

    /** At the last event. Null while the store is empty, as Axon's engines do. */
    @Override
    public TrackingToken createHeadToken() {
        long head = sequence.head();
        return head == 0 ? null : positionBefore(head + 1);
    }

    /** Before the first event stored at or after the given time; at the head when there is none. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events(database.outsideTransactions())
                .find(gte(EventDocuments.TIMESTAMP, DateTimeUtils.formatInstant(dateTime)))
                .sort(Sorts.ascending(EventDocuments.GLOBAL_INDEX))
                .projection(Projections.include(EventDocuments.GLOBAL_INDEX))
                .first();
        return first == null ? createHeadToken() : positionBefore(EventDocuments.globalIndex(first));
    }

    /**
     * A token that has seen everything before {@code number}, except appends still in flight there: the
     * numbers just below it that are neither committed nor abandoned are kept as gaps, so they are still
     * delivered when they commit.
     */
    private GapAwareTrackingToken positionBefore(long number) {
        long lowest = Math.max(1, number - tracking.batchSize());
        SortedSet<Long> unresolved = new TreeSet<>();
        LongStream.range(lowest, number).forEach(unresolved::add);
        unresolved.removeAll(sequence.committedAmong(unresolved));
        unresolved.removeAll(sequence.abandonedAmong(unresolved));
        long index = LongStream.range(lowest, number).filter(n -> !unresolved.contains(n)).max().orElse(lowest - 1);
        return GapAwareTrackingToken.newInstance(index, unresolved.headSet(index));
    }

    /**
     * A duplicate key, or, inside a transaction, a write conflict: another open transaction inserting the same
     * aggregate sequence number (MongoDB reports that as a conflict until the other side commits).
     */
    static boolean isDuplicateKey(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return e instanceof MongoException mongo
                && (ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY
                || mongo.getCode() == WRITE_CONFLICT);
    }

    /** Builds the engine; the event database is required, the rest has defaults. */
    static class Builder extends AbstractEventStorageEngine.Builder {

        private EventDatabase database;
        private int batchSize = 1000;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private int maxGapOffset = 10_000;
        private AppendHook appendHook = AppendHook.NONE;
        private boolean hashChain = true;
        private int streamHeadCacheSize = 10_000;

        private Builder() {
            super.persistenceExceptionResolver(SequencedMongoEventStorageEngine::isDuplicateKey);
        }

        Builder database(EventDatabase database) {
            this.database = database;
            return this;
        }

        Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** Whether appends chain events by hash (docs/evidence.md); on by default. */
        Builder hashChain(boolean hashChain) {
            this.hashChain = hashChain;
            return this;
        }

        Builder streamHeadCacheSize(int streamHeadCacheSize) {
            this.streamHeadCacheSize = streamHeadCacheSize;
            return this;
        }

        Builder appendHook(AppendHook appendHook) {
            this.appendHook = appendHook;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        SequencedMongoEventStorageEngine build() {
            validate();
            return new SequencedMongoEventStorageEngine(this);
        }

        @Override
        protected void validate() {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The event database is required");
            }
        }
    }
}
