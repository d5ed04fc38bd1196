package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One tracking stream over the global sequence: every event once, in global-index order, so that a
 * projection sees the same order live as in a rebuild.
 *
 * <p>Far behind the head, one cursor stays open over the sequence and the driver fetches batch after batch
 * from it: reading N events is one query and one pass, which the embedded server answers with a single
 * scan and MongoDB with an index walk. Near the head, the next numbers are looked up by value
 * ({@code $in} on {@code _id}), because on the embedded server a range query scans the whole
 * collection, and the head is where processors poll.
 *
 * <p>At a number that is neither committed nor abandoned the stream stops, to be read again later, until a
 * later number has been taken longer ago than the gap timeout. Then it moves past and keeps the number in
 * the token as a gap: a commit that lands even later is still delivered, once. Gaps further than
 * {@code maxGapOffset} behind the token's index are dropped, which bounds the token.
 */
final class TrackedEventReader extends Spliterators.AbstractSpliterator<TrackedEventData<?>>
        implements AutoCloseable {

    private final MongoCollection<Document> events;
    private final GlobalSequence sequence;
    private final TrackingSettings settings;
    private GapAwareTrackingToken position;
    private MongoCursor<Document> results;
    private boolean catchingUp;
    private boolean deliveredSinceQuery;
    private boolean ended;

    private TrackedEventReader(MongoCollection<Document> events, GlobalSequence sequence, TrackingSettings settings,
                               GapAwareTrackingToken position) {
        super(Long.MAX_VALUE, ORDERED | NONNULL);
        this.events = events;
        this.sequence = sequence;
        this.settings = settings;
        this.position = position;
    }

    static Stream<TrackedEventData<?>> stream(MongoCollection<Document> events, GlobalSequence sequence,
                                              TrackingSettings settings, GapAwareTrackingToken position) {
        TrackedEventReader reader = new TrackedEventReader(events, sequence, settings, position);
        return StreamSupport.stream(reader, false).onClose(reader::close);
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
        while (!ended) {
            Document event = next();
            if (event == null) {
                break;
            }
            GapAwareTrackingToken advanced = advanceTo(event);
            if (advanced == null) {
                break;
            }
            if (advanced != position) {
                position = advanced;
                deliveredSinceQuery = true;
                action.accept(new TrackedDomainEventData<>(position, EventDocuments.entry(event)));
                return true;
            }
        }
        close();
        return false;
    }

    /**
     * The next stored event after the position; null at the end. A catch-up cursor that moved the position
     * is followed by another query; a lookup near the head covered all numbers taken when it ran, so it is
     * the last (the event store reads again when new events are committed).
     */
    private Document next() {
        if (results != null && results.hasNext()) {
            return results.next();
        }
        if (results != null) {
            results.close();
            if (!catchingUp || !deliveredSinceQuery) {
                return null;
            }
        }
        results = query();
        deliveredSinceQuery = false;
        return results != null && results.hasNext() ? results.next() : null;
    }

    private MongoCursor<Document> query() {
        long head = sequence.head();
        long index = position.getIndex();
        SortedSet<Long> gaps = position.getGaps();
        catchingUp = head - index > settings.batchSize();
        Bson filter;
        if (catchingUp) {
            filter = gaps.isEmpty() ? gt(EventDocuments.GLOBAL_INDEX, index)
                    : or(gt(EventDocuments.GLOBAL_INDEX, index), in(EventDocuments.GLOBAL_INDEX, gaps));
        } else {
            List<Long> numbers = new ArrayList<>(gaps);
            LongStream.rangeClosed(index + 1, head).forEach(numbers::add);
            if (numbers.isEmpty()) {
                return null;
            }
            filter = in(EventDocuments.GLOBAL_INDEX, numbers);
        }
        return events.find(filter).sort(Sorts.ascending(EventDocuments.GLOBAL_INDEX))
                .batchSize(settings.batchSize()).cursor();
    }

    /**
     * The token that delivering this event leads to: the same token when the event was already delivered,
     * null when the stream has to wait for an earlier number first.
     */
    private GapAwareTrackingToken advanceTo(Document event) {
        long number = EventDocuments.globalIndex(event);
        SortedSet<Long> gaps = new TreeSet<>(position.getGaps());
        if (gaps.remove(number)) {
            return GapAwareTrackingToken.newInstance(position.getIndex(), gaps);
        }
        if (number <= position.getIndex()) {
            return position;
        }
        long lowestKept = number - settings.maxGapOffset();
        SortedSet<Long> skipped = new TreeSet<>();
        LongStream.range(Math.max(position.getIndex() + 1, lowestKept), number).forEach(skipped::add);
        if (!skipped.isEmpty()) {
            if (!sequence.committedAmong(skipped).isEmpty()) {
                return null; // committed since this read began: read again, so that they come first
            }
            skipped.removeAll(sequence.abandonedAmong(skipped));
            Instant waitUntil = EventDocuments.sequencedAt(event).plus(settings.gapTimeout());
            if (!skipped.isEmpty() && Instant.now().isBefore(waitUntil)) {
                return null; // their appends may still commit: wait until a later number is older than the timeout
            }
        }
        SortedSet<Long> kept = new TreeSet<>(gaps.tailSet(lowestKept));
        kept.addAll(skipped);
        return GapAwareTrackingToken.newInstance(number, kept);
    }

    @Override
    public void close() {
        ended = true;
        if (results != null) {
            results.close();
        }
    }
}
