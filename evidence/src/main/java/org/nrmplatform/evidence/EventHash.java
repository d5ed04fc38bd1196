package org.nrmplatform.evidence;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hash of a stored event, chained to its predecessor in the same aggregate stream: lowercase hex
 * SHA-256 over the RFC 8785 canonical JSON of the event's fields as stored, including the predecessor's
 * hash ({@link #GENESIS} for sequence 0). Payload and metadata enter as the JSON <em>text</em> the store
 * holds (a JSON string), not as a parsed value: the text is what is stored and exported, byte for byte, and
 * RFC 8785 would reduce a large integer inside a parsed payload to a double. The one definition used by the
 * storage engine at append, by the services' verification and by the offline verifier; docs/evidence.md
 * gives the recipe for an outsider.
 */
public final class EventHash {

    /** The predecessor hash of an aggregate's first event (sequence 0). */
    public static final String GENESIS = "0".repeat(64);

    private EventHash() {
    }

    /** The hash of {@code event} over its fields and its {@code previousHash}; its own {@code hash} is ignored. */
    public static String of(StoredEvent event) {
        return Canonical.hex(Canonical.sha256(canonicalForm(event)));
    }

    /** The bytes that are hashed. */
    public static byte[] canonicalForm(StoredEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("globalIndex", event.globalIndex());
        fields.put("aggregateIdentifier", event.aggregateIdentifier());
        fields.put("sequenceNumber", event.sequenceNumber());
        fields.put("aggregateType", event.aggregateType());
        fields.put("eventIdentifier", event.eventIdentifier());
        fields.put("timestamp", event.timestamp());
        fields.put("payloadType", event.payloadType());
        fields.put("payloadRevision", event.payloadRevision());
        fields.put("payload", event.payload());
        fields.put("metaData", event.metaData());
        fields.put("previousHash", event.previousHash());
        return Canonical.json(fields);
    }

    /** The SHA-256 of some bytes, lowercase hex: the digest of an export printed on its PDF. */
    public static String sha256(byte[] bytes) {
        return Canonical.hex(Canonical.sha256(bytes));
    }

    /** Whether {@code value} has the form of a hash: 64 lowercase hex digits. */
    public static boolean wellFormed(String value) {
        return value != null && value.length() == 64 && value.chars().allMatch(HexFormat::isHexDigit)
                && value.equals(value.toLowerCase());
    }
}
