package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.axonframework.common.DateTimeUtils;
import org.bson.Document;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.HeadTree;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.StreamHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes a signed checkpoint every interval (docs/evidence.md): the heads of all streams among the events
 * up to the highest global index whose number was taken at least {@code settle} ago (so that no append with
 * a lower number can still be in flight), as a {@link HeadTree}, signed with the platform's key. Incremental:
 * it keeps the heads of the last checkpoint in memory and reads only the events since; when another
 * instance wrote a checkpoint meanwhile, or took the number it wanted, it starts again from the stored heads.
 * Nothing is written when no event settled since the last checkpoint.
 */
public class CheckpointWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
    private static final int PROBE = 16;
    private static final int LOOKUP_CHUNK = 1_000;

    private final EventDatabase database;
    private final GlobalSequence sequence;
    private final CheckpointStore store;
    private final SigningKey key;
    private final EvidenceProperties.Checkpoints settings;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    /** The heads at checkpoint {@code number}, which covered events up to {@code globalIndex}. */
    private record State(long number, long globalIndex, Map<String, StreamHead> heads) {
    }

    private State state;

    CheckpointWriter(EventDatabase database, SigningKey key, EvidenceProperties.Checkpoints settings, Clock clock) {
        this.database = database;
        this.sequence = new GlobalSequence(database.outsideTransactions());
        this.store = new CheckpointStore(database.outsideTransactions());
        this.key = key;
        this.settings = settings;
        this.clock = clock;
    }

    private MongoCollection<Document> events() {
        return database.outsideTransactions().getCollection(EventDocuments.EVENTS);
    }

    /** Writes the next checkpoint if events settled since the last one; the checkpoint written, if any. */
    public synchronized Optional<Checkpoint> write() {
        Optional<Checkpoint> latest = store.latest();
        long latestNumber = latest.map(Checkpoint::number).orElse(0L);
        if (state == null || state.number() != latestNumber) {
            state = new State(latestNumber, latest.map(Checkpoint::globalIndex).orElse(0L),
                    latest.isPresent() ? store.headsAt(latestNumber) : Map.of());
        }
        Instant now = clock.instant();
        long covered = settledUpTo(state.globalIndex(), now.minus(settings.settle()));
        if (covered <= state.globalIndex()) {
            return Optional.empty();
        }
        Map<String, StreamHead> changed = new HashMap<>();
        numbersInChunks(state.globalIndex() + 1, covered).forEach(numbers -> events()
                .find(in(EventDocuments.GLOBAL_INDEX, numbers))
                .projection(Projections.include(EventDocuments.AGGREGATE_IDENTIFIER, EventDocuments.SEQUENCE_NUMBER,
                        EventDocuments.HASH))
                .forEach(event -> {
                    if (!EventDocuments.ofAggregate(event)) {
                        return; // an event of no aggregate is in no stream
                    }
                    StreamHead head = new StreamHead(event.getString(EventDocuments.AGGREGATE_IDENTIFIER),
                            event.getLong(EventDocuments.SEQUENCE_NUMBER), event.getString(EventDocuments.HASH));
                    changed.merge(head.aggregateIdentifier(), head,
                            (a, b) -> a.sequenceNumber() >= b.sequenceNumber() ? a : b);
                }));
        Map<String, StreamHead> heads = new HashMap<>(state.heads());
        heads.putAll(changed);
        HeadTree tree = HeadTree.of(List.copyOf(heads.values()));
        Checkpoint checkpoint = new Checkpoint(state.number() + 1, DateTimeUtils.formatInstant(now), covered,
                tree.size(), tree.root(), key.keyId(), null).signedWith(key.privateKey());
        if (!store.store(checkpoint, List.copyOf(changed.values()))) {
            state = null; // another instance took this number: start again from what it stored
            return Optional.empty();
        }
        state = new State(checkpoint.number(), covered, heads);
        log.debug("Checkpoint {} covers global index {}: {} streams, root {}", checkpoint.number(), covered,
                tree.size(), tree.root());
        return Optional.of(checkpoint);
    }

    /**
     * The numbers {@code from} to {@code to}, in lists of {@value #LOOKUP_CHUNK}: events are read by looking their
     * numbers up, since on the embedded server a range query on {@code _id} scans the whole collection (a
     * checkpoint near the head of 50k events took longer than the store's operation timeout while it was busy).
     */
    private static List<List<Long>> numbersInChunks(long from, long to) {
        List<List<Long>> chunks = new ArrayList<>();
        for (long start = from; start <= to; start += LOOKUP_CHUNK) {
            chunks.add(LongStream.rangeClosed(start, Math.min(to, start + LOOKUP_CHUNK - 1)).boxed().toList());
        }
        return chunks;
    }

    /**
     * The highest global index whose number was taken at or before {@code cutoff}, found by a binary search
     * over point lookups of {@code _id} (an index on every server): numbers are taken in time order.
     */
    private long settledUpTo(long known, Instant cutoff) {
        long low = known;
        long high = sequence.head();
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            Instant taken = takenNoLaterThan(mid, high);
            if (taken != null && !taken.isAfter(cutoff)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * A time at or after which {@code number} was taken: when the lowest stored number from {@code number} up
     * to {@value #PROBE} above it was taken (later numbers are taken later). Null when none of them is stored
     * (numbers in flight or released): not known to be settled.
     */
    private Instant takenNoLaterThan(long number, long head) {
        List<Long> probe = new ArrayList<>();
        LongStream.rangeClosed(number, Math.min(head, number + PROBE - 1)).forEach(probe::add);
        Document earliest = null;
        for (Document event : events().find(in(EventDocuments.GLOBAL_INDEX, probe))
                .projection(Projections.include(EventDocuments.SEQUENCED_AT))) {
            if (earliest == null || EventDocuments.globalIndex(event) < EventDocuments.globalIndex(earliest)) {
                earliest = event;
            }
        }
        return earliest == null ? null : EventDocuments.sequencedAt(earliest);
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "checkpoint-writer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::writeLogged, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void writeLogged() {
        try {
            long started = System.nanoTime();
            // the time is what an operator (and the large-installation benchmark) watches grow with the store
            write().ifPresent(checkpoint -> log.info("Checkpoint {} written in {} ms: global index {}, {} streams",
                    checkpoint.number(), (System.nanoTime() - started) / 1_000_000, checkpoint.globalIndex(),
                    checkpoint.streams()));
        } catch (RuntimeException e) {
            log.warn("Could not write a checkpoint; trying again in {}", settings.interval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
