package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.LongStream;
import org.axonframework.common.DateTimeUtils;
import org.bson.Document;

/**
 * Read-only questions monitoring asks of the event stream: how far it reaches (the head of the global
 * sequence) and when the event just after a processor's position was stored, which is how long that event
 * has waited. Lookups by {@code _id} with {@code $in}, so they stay index lookups on the embedded server.
 */
public class StreamProbe {

    /** How many numbers after a position are looked at: abandoned numbers and gaps are skipped. */
    private static final int LOOK_AHEAD = 16;

    private final GlobalSequence sequence;
    private final MongoCollection<Document> events;

    public StreamProbe(MongoClient client, StoreProperties properties) {
        MongoDatabase database = client.getDatabase(properties.eventDatabase());
        this.sequence = new GlobalSequence(database);
        this.events = database.getCollection(EventDocuments.EVENTS);
    }

    /** The highest global index handed out so far; 0 on an empty store. */
    public long head() {
        return sequence.head();
    }

    /** When the first stored event after {@code position} was stored, if one is found close after it. */
    public Optional<Instant> firstTimestampAfter(long position) {
        Document first = null;
        for (Document event : events.find(in(EventDocuments.GLOBAL_INDEX,
                        LongStream.rangeClosed(position + 1, position + LOOK_AHEAD).boxed().toList()))
                .projection(Projections.include(EventDocuments.GLOBAL_INDEX, EventDocuments.TIMESTAMP))) {
            if (first == null || EventDocuments.globalIndex(event) < EventDocuments.globalIndex(first)) {
                first = event;
            }
        }
        return first == null ? Optional.empty()
                : Optional.of(DateTimeUtils.parseInstant(first.getString(EventDocuments.TIMESTAMP)));
    }
}
