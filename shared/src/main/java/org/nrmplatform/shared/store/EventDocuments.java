package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.limit;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.evidence.StoredEvent;

/**
 * How events and snapshots are stored: one document each, with Axon's field names. Payload and metadata
 * are kept as the serializer's JSON text, exactly as serialized, so that what is stored can be read,
 * hashed and exported as it is. Timestamps are Axon's fixed-width ISO-8601 text, so text order is time
 * order. With the hash chain on, an event also carries {@code previousHash} and {@code hash}
 * ({@link EventHash}, docs/evidence.md).
 *
 * <p>An event's {@code _id} is its global index, and {@code sequencedAt} says when that number was taken.
 * {@code aggregateKey} holds aggregate identifier and sequence number in one value; its unique index is
 * the optimistic concurrency check, and aggregates are read by looking their keys up. The event identifier
 * is unique too, as in Axon's own engines. A snapshot's {@code _id} is its aggregate's identifier: the latest
 * replaces older ones. Three unique indexes and no more: on the embedded server every unique index costs each
 * insert a check and an insert of its key, and a query it can answer from an index is an equality or
 * {@code $in} on the indexed field alone.
 *
 * <p>An event that belongs to no aggregate (an Axon {@link EventMessage} that is not a
 * {@link DomainEventMessage}) is stored without aggregate identifier, sequence number and type, and read back
 * as such. Its {@code aggregateKey} is {@code <eventIdentifier>#}: the unique index needs a value, and one with
 * no number after the last {@code #} can never be an aggregate's key. It is in no stream, so it is not chained.
 */
final class EventDocuments {

    static final String EVENTS = "events";
    static final String SNAPSHOTS = "snapshots";

    static final String GLOBAL_INDEX = "_id";
    static final String SEQUENCED_AT = "sequencedAt";
    static final String AGGREGATE_KEY = "aggregateKey";
    static final String SNAPSHOT_OF = "_id";
    static final String AGGREGATE_IDENTIFIER = "aggregateIdentifier";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String TYPE = "type";
    static final String EVENT_IDENTIFIER = "eventIdentifier";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "serializedPayload";
    static final String META_DATA = "serializedMetaData";
    static final String PREVIOUS_HASH = "previousHash";
    static final String HASH = "hash";

    private EventDocuments() {
    }

    /**
     * The global index needs no index of its own ({@code _id}), nor do snapshots, keyed by aggregate. The
     * timestamp index serves {@code createTokenAt} on MongoDB; the embedded server ignores non-unique indexes.
     * A store written before the event identifier was unique gets that index here, once; should it hold two
     * events with one identifier, the index cannot be built and the store is refused, naming them.
     */
    static void ensureIndexes(MongoCollection<Document> events) {
        events.createIndex(Indexes.ascending(AGGREGATE_KEY), new IndexOptions().unique(true));
        try {
            events.createIndex(Indexes.ascending(EVENT_IDENTIFIER), new IndexOptions().unique(true));
        } catch (MongoException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            throw new IllegalStateException("The event store " + events.getNamespace() + " holds events that share "
                    + "an event identifier, so the unique index on " + EVENT_IDENTIFIER + " cannot be built: "
                    + duplicateIdentifiers(events) + ". Every event needs an identifier of its own (Axon refuses a "
                    + "second event with a stored identifier); remove or re-identify the copies, then start again.",
                    e);
        }
        events.createIndex(Indexes.ascending(TIMESTAMP));
    }

    /** Up to ten identifiers that more than one stored event carries, with how many carry each. */
    private static String duplicateIdentifiers(MongoCollection<Document> events) {
        List<String> found = new ArrayList<>();
        try {
            events.aggregate(List.of(group("$" + EVENT_IDENTIFIER, sum("events", 1)), match(gt("events", 1)),
                            limit(10)))
                    .forEach(shared -> found.add(shared.get("_id") + " (" + shared.get("events") + " events)"));
        } catch (MongoException e) {
            return "could not list them (" + e.getMessage() + ")";
        }
        return found.isEmpty() ? "none found by a second look (removed meanwhile?)" : String.join(", ", found);
    }

    /**
     * {@code identifier#sequence}: one value per aggregate sequence number, and no two alike, as the
     * sequence number after the last {@code #} is a number.
     */
    static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "#" + sequenceNumber;
    }

    /** The {@code aggregateKey} of an event that belongs to no aggregate: never an aggregate's key. */
    static String keyOfNoAggregate(String eventIdentifier) {
        return eventIdentifier + "#";
    }

    /** An event, serialized, still without its place in the global sequence. */
    static Document event(EventMessage<?> event, Serializer serializer) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            Document document = new Document(AGGREGATE_KEY,
                    aggregateKey(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber()));
            return withMessage(document, domainEvent, serializer);
        }
        return withContent(new Document(AGGREGATE_KEY, keyOfNoAggregate(event.getIdentifier())), event, serializer);
    }

    /** Whether a stored event belongs to an aggregate stream. */
    static boolean ofAggregate(Document event) {
        return event.getString(AGGREGATE_IDENTIFIER) != null;
    }

    /** Gives an event its place in the global sequence, taken at {@code sequencedAt}. */
    static void sequence(Document event, long globalIndex, Instant sequencedAt) {
        event.append(GLOBAL_INDEX, globalIndex).append(SEQUENCED_AT, Date.from(sequencedAt));
    }

    /** An aggregate's snapshot: one per aggregate, the latest, so its {@code _id} is the aggregate identifier. */
    static Document snapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        return withMessage(new Document(SNAPSHOT_OF, snapshot.getAggregateIdentifier()), snapshot, serializer);
    }

    private static Document withMessage(Document document, DomainEventMessage<?> message, Serializer serializer) {
        document.append(AGGREGATE_IDENTIFIER, message.getAggregateIdentifier())
                .append(SEQUENCE_NUMBER, message.getSequenceNumber())
                .append(TYPE, message.getType());
        return withContent(document, message, serializer);
    }

    private static Document withContent(Document document, EventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        return document.append(EVENT_IDENTIFIER, message.getIdentifier())
                .append(TIMESTAMP, DateTimeUtils.formatInstant(message.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    /**
     * An event or snapshot document as Axon's stored form, ready for upcasting and deserialization. An event of
     * no aggregate has no aggregate identifier there, which is what makes Axon read it back as a plain event
     * message (its sequence number, 0, is then not looked at), as with Axon's JDBC engine.
     */
    static DomainEventData<String> entry(Document document) {
        Long sequenceNumber = document.getLong(SEQUENCE_NUMBER);
        return new GenericDomainEventEntry<>(
                document.getString(TYPE),
                document.getString(AGGREGATE_IDENTIFIER),
                sequenceNumber == null ? 0 : sequenceNumber,
                document.getString(EVENT_IDENTIFIER),
                document.getString(TIMESTAMP),
                document.getString(PAYLOAD_TYPE),
                document.getString(PAYLOAD_REVISION),
                document.getString(PAYLOAD),
                document.getString(META_DATA));
    }

    /** Chains an event, numbered already, to its predecessor's hash, and gives it its own hash. */
    static void chain(Document event, String previousHash) {
        event.append(PREVIOUS_HASH, previousHash);
        event.append(HASH, EventHash.of(stored(event)));
    }

    /** An event exactly as stored, with its hashes (null where it was stored without). */
    static StoredEvent stored(Document event) {
        return new StoredEvent(globalIndex(event), event.getString(AGGREGATE_IDENTIFIER),
                event.getLong(SEQUENCE_NUMBER), event.getString(TYPE), event.getString(EVENT_IDENTIFIER),
                event.getString(TIMESTAMP), event.getString(PAYLOAD_TYPE), event.getString(PAYLOAD_REVISION),
                event.getString(PAYLOAD), event.getString(META_DATA), event.getString(PREVIOUS_HASH),
                event.getString(HASH));
    }

    static long globalIndex(Document event) {
        return event.getLong(GLOBAL_INDEX);
    }

    static Instant sequencedAt(Document event) {
        return event.getDate(SEQUENCED_AT).toInstant();
    }
}
