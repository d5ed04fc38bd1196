package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.bson.Document;

/**
 * The global sequence of the event store. A counter document hands out consecutive numbers, in blocks of
 * one append's size; numbers start at 1. A number is <em>committed</em> once an event holding it is
 * stored, <em>abandoned</em> when the append that took it failed (recorded so that readers need not wait
 * for it), and otherwise <em>unresolved</em>: its append is still in flight, or its writer died.
 *
 * <p>Everything here works outside transactions: see {@link EventDatabase}.
 */
final class GlobalSequence {

    static final String COUNTERS = "eventsequence";
    static final String ABANDONED = "abandonedsequence";

    private static final String COUNTER_ID = "globalIndex";
    private static final String VALUE = "value";
    private static final String ID = "_id";

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> abandoned;
    private final MongoCollection<Document> events;

    GlobalSequence(MongoDatabase database) {
        this(database, database);
    }

    /**
     * @param storedNumbers where stored and abandoned numbers are looked up; a processor reads them with read
     *     concern {@code majority}. The counter is read from {@code database} all the same: a head that a crash
     *     can still take back only widens the numbers a processor asks the durable events for, while a majority
     *     read of the counter would wait for (and on the embedded store, sync) each append's unjournaled
     *     increment, putting a second sync in front of that append's own.
     */
    GlobalSequence(MongoDatabase database, MongoDatabase storedNumbers) {
        // the insert that uses the numbers is journaled, and brings the counter's increment to the disk with it
        this.counters = database.getCollection(COUNTERS)
                .withWriteConcern(JournaledWrites.inMemoryFirst(database.getWriteConcern()));
        this.abandoned = storedNumbers.getCollection(ABANDONED);
        this.events = storedNumbers.getCollection(EventDocuments.EVENTS);
    }

    /**
     * Takes {@code count} consecutive numbers and returns the first. The projection is not decoration: the
     * embedded server answers an unprojected find-and-modify with its live document, which a concurrent
     * increment can change before the answer is sent, handing two appends the same numbers.
     */
    long take(int count) {
        Document counter = counters.findOneAndUpdate(eq(ID, COUNTER_ID), Updates.inc(VALUE, (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
                        .projection(Projections.include(VALUE)));
        return counter.getLong(VALUE) - count + 1;
    }

    /** The highest number handed out so far; 0 before the first append. */
    long head() {
        Document counter = counters.find(eq(ID, COUNTER_ID)).first();
        if (counter != null) {
            return counter.getLong(VALUE);
        }
        // no counter yet, or (embedded server) a read that missed it while an append replaced it: what is stored
        Document highest = events.find().sort(Sorts.descending(EventDocuments.GLOBAL_INDEX))
                .projection(Projections.include(EventDocuments.GLOBAL_INDEX)).first();
        return highest == null ? 0 : EventDocuments.globalIndex(highest);
    }

    /**
     * Moves the counter past the highest stored event, should it be behind (a restored dump without the
     * counter, say): otherwise every append would collide with a stored number.
     */
    void coverStoredEvents() {
        Document highest = events.find().sort(Sorts.descending(EventDocuments.GLOBAL_INDEX))
                .projection(Projections.include(EventDocuments.GLOBAL_INDEX)).first();
        if (highest != null) {
            counters.updateOne(eq(ID, COUNTER_ID), Updates.max(VALUE, EventDocuments.globalIndex(highest)),
                    new UpdateOptions().upsert(true));
        }
    }

    void abandon(long first, int count) {
        List<Document> numbers = LongStream.range(first, first + count).mapToObj(n -> new Document(ID, n)).toList();
        try {
            abandoned.insertMany(numbers, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyAlreadyRecorded = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyAlreadyRecorded) {
                throw e;
            }
        }
    }

    Set<Long> abandonedAmong(Collection<Long> numbers) {
        return found(abandoned, ID, numbers);
    }

    Set<Long> committedAmong(Collection<Long> numbers) {
        return found(events, EventDocuments.GLOBAL_INDEX, numbers);
    }

    /** Looks the numbers up by an indexed field with {@code $in}: index lookups even on the embedded server. */
    private static Set<Long> found(MongoCollection<Document> collection, String field, Collection<Long> numbers) {
        Set<Long> found = new HashSet<>();
        if (!numbers.isEmpty()) {
            collection.find(in(field, numbers)).projection(Projections.include(field))
                    .forEach(document -> found.add(document.getLong(field)));
        }
        return found;
    }
}
