package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * An aggregate's events from a sequence number on, looked up by their aggregate keys in batches that
 * double from {@value #FIRST_BATCH} up to the read batch size: one round trip for a typical aggregate,
 * and index lookups on the embedded server too, where a query by aggregate identifier would scan the
 * whole collection. An aggregate's sequence numbers have no holes, so a batch that comes back short is
 * the last.
 */
final class AggregateEventReader extends Spliterators.AbstractSpliterator<Document> {

    static final int FIRST_BATCH = 16;

    private final MongoCollection<Document> events;
    private final String aggregateIdentifier;
    private final int largestBatch;
    private final Bson projection;
    private final long readAtLeastTo;
    private long nextSequenceNumber;
    private int batchSize;
    private Iterator<Document> batch = Collections.emptyIterator();
    private boolean lastBatch;

    private AggregateEventReader(MongoCollection<Document> events, String aggregateIdentifier,
                                 long firstSequenceNumber, int largestBatch, Bson projection, long readAtLeastTo) {
        super(Long.MAX_VALUE, ORDERED | NONNULL);
        this.readAtLeastTo = readAtLeastTo;
        this.events = events;
        this.aggregateIdentifier = aggregateIdentifier;
        this.nextSequenceNumber = firstSequenceNumber;
        this.largestBatch = largestBatch;
        this.batchSize = Math.min(FIRST_BATCH, largestBatch);
        this.projection = projection;
    }

    /** The stored events, whole; {@code projection} narrows them to some fields, or is null. */
    static Stream<Document> stream(MongoCollection<Document> events, String aggregateIdentifier,
                                   long firstSequenceNumber, int largestBatch, Bson projection) {
        return StreamSupport.stream(
                new AggregateEventReader(events, aggregateIdentifier, firstSequenceNumber, largestBatch, projection,
                        -1), false);
    }

    /**
     * For verification, where a stream may have holes (events removed from it): reads on past a short batch
     * until a batch finds nothing beyond sequence {@code readAtLeastTo} (where a checkpoint saw the stream end),
     * at the cost of one more round trip.
     */
    static Stream<Document> withHoles(MongoCollection<Document> events, String aggregateIdentifier, int largestBatch,
                                      long readAtLeastTo) {
        return StreamSupport.stream(
                new AggregateEventReader(events, aggregateIdentifier, 0, largestBatch, null,
                        Math.max(readAtLeastTo, 0)), false);
    }

    @Override
    public boolean tryAdvance(Consumer<? super Document> action) {
        while (!batch.hasNext()) {
            if (lastBatch) {
                return false;
            }
            List<Document> found = nextBatch();
            lastBatch = readAtLeastTo < 0
                    ? found.size() < batchSize
                    : found.isEmpty() && nextSequenceNumber + batchSize > readAtLeastTo;
            nextSequenceNumber += batchSize;
            batchSize = Math.min(batchSize * 2, largestBatch);
            batch = found.iterator();
        }
        action.accept(batch.next());
        return true;
    }

    private List<Document> nextBatch() {
        List<String> keys = LongStream.range(nextSequenceNumber, nextSequenceNumber + batchSize)
                .mapToObj(sequenceNumber -> EventDocuments.aggregateKey(aggregateIdentifier, sequenceNumber))
                .toList();
        return events.find(in(EventDocuments.AGGREGATE_KEY, keys))
                .projection(projection)
                .sort(Sorts.ascending(EventDocuments.SEQUENCE_NUMBER))
                .into(new ArrayList<>());
    }
}
