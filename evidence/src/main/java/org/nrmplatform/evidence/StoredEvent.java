package org.nrmplatform.evidence;

/**
 * An event exactly as the event store keeps it: payload and metadata are the serializer's JSON text, the
 * timestamp is the stored text. {@code previousHash} and {@code hash} are null for an event written before the
 * hash chain (or with it turned off).
 *
 * @param aggregateType Axon's aggregate type ({@code Case}, {@code Referral}, ...); null for an event that
 *                      belongs to no aggregate
 */
public record StoredEvent(long globalIndex, String aggregateIdentifier, long sequenceNumber, String aggregateType,
                          String eventIdentifier, String timestamp, String payloadType, String payloadRevision,
                          String payload, String metaData, String previousHash, String hash) {

    public boolean chained() {
        return hash != null;
    }

    public StoredEvent withHashes(String previousHash, String hash) {
        return new StoredEvent(globalIndex, aggregateIdentifier, sequenceNumber, aggregateType, eventIdentifier,
                timestamp, payloadType, payloadRevision, payload, metaData, previousHash, hash);
    }

    public StoredEvent withSequenceNumber(long sequenceNumber) {
        return new StoredEvent(globalIndex, aggregateIdentifier, sequenceNumber, aggregateType, eventIdentifier,
                timestamp, payloadType, payloadRevision, payload, metaData, previousHash, hash);
    }
}
