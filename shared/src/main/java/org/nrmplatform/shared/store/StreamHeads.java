package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.nrmplatform.evidence.EventHash;

/**
 * Finds the predecessor hash of each event an append chains, without a round trip in the common case: the
 * hashes of the last events this instance appended are kept in a bounded cache, keyed by aggregate and
 * sequence number, so that an entry can only ever answer for the exact event it was taken from. A miss (an
 * aggregate last appended by another instance, or evicted) reads the predecessors of the append in one query.
 * An entry is added once its append is committed, never for an append that rolled back. A concurrent append
 * of the same sequence number by another instance is still refused by the unique aggregate key. Events of no
 * aggregate are in no stream and stay unchained.
 */
final class StreamHeads {

    private record Head(long sequenceNumber, String hash) {
    }

    private final Map<String, Head> heads;

    StreamHeads(int capacity) {
        this.heads = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Chains the events of one append, in order, numbered already: each gets its predecessor's hash (from the
     * same append, or from {@code predecessors}) and its own.
     */
    void chain(List<Document> events, Map<String, String> predecessors) {
        Map<String, Head> batch = new HashMap<>();
        for (Document event : events) {
            if (!EventDocuments.ofAggregate(event)) {
                continue; // in no stream: nothing to chain it to
            }
            String aggregate = event.getString(EventDocuments.AGGREGATE_IDENTIFIER);
            long sequence = event.getLong(EventDocuments.SEQUENCE_NUMBER);
            String previous;
            Head inBatch = batch.get(aggregate);
            if (sequence == 0) {
                previous = EventHash.GENESIS;
            } else if (inBatch != null && inBatch.sequenceNumber() == sequence - 1) {
                previous = inBatch.hash();
            } else {
                previous = predecessors.getOrDefault(EventDocuments.aggregateKey(aggregate, sequence - 1),
                        EventHash.GENESIS);
            }
            EventDocuments.chain(event, previous);
            batch.put(aggregate, new Head(sequence, event.getString(EventDocuments.HASH)));
        }
    }

    /**
     * The hashes of the events that the first event of each aggregate in an append follows, by aggregate key:
     * from the cache, or for those it misses read in one query (before numbers are taken, so that readers do
     * not wait for it). A predecessor stored without a hash (before the chain) counts as the start of a chain.
     */
    Map<String, String> predecessors(List<Document> events, MongoCollection<Document> stored) {
        Map<String, String> found = new HashMap<>();
        Map<String, Long> firstOfAggregate = new LinkedHashMap<>();
        for (Document event : events) {
            if (!EventDocuments.ofAggregate(event)) {
                continue;
            }
            firstOfAggregate.putIfAbsent(event.getString(EventDocuments.AGGREGATE_IDENTIFIER),
                    event.getLong(EventDocuments.SEQUENCE_NUMBER));
        }
        List<String> missing = new ArrayList<>();
        firstOfAggregate.forEach((aggregate, sequence) -> {
            if (sequence == 0) {
                return;
            }
            String key = EventDocuments.aggregateKey(aggregate, sequence - 1);
            Head cached = cached(aggregate);
            if (cached != null && cached.sequenceNumber() == sequence - 1) {
                found.put(key, cached.hash());
            } else {
                missing.add(key);
            }
        });
        if (!missing.isEmpty()) {
            stored.find(in(EventDocuments.AGGREGATE_KEY, missing))
                    .projection(Projections.include(EventDocuments.AGGREGATE_KEY, EventDocuments.HASH))
                    .forEach(predecessor -> {
                        String hash = predecessor.getString(EventDocuments.HASH);
                        found.put(predecessor.getString(EventDocuments.AGGREGATE_KEY),
                                hash == null ? EventHash.GENESIS : hash);
                    });
        }
        return found;
    }

    private Head cached(String aggregate) {
        synchronized (heads) {
            return heads.get(aggregate);
        }
    }

    /** Remembers the last event of each aggregate of a committed append. */
    void committed(List<Document> events) {
        synchronized (heads) {
            for (Document event : events) {
                if (!EventDocuments.ofAggregate(event)) {
                    continue;
                }
                heads.put(event.getString(EventDocuments.AGGREGATE_IDENTIFIER),
                        new Head(event.getLong(EventDocuments.SEQUENCE_NUMBER), event.getString(EventDocuments.HASH)));
            }
        }
    }
}
