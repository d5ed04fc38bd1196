package org.nrmplatform.evidence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last event of one aggregate stream at a checkpoint: its sequence number and hash (null for a stream
 * written before the hash chain). The leaves of a checkpoint's {@link HeadTree}, sorted by aggregate
 * identifier.
 */
public record StreamHead(String aggregateIdentifier, long sequenceNumber, String hash) {

    /** The bytes of the leaf: RFC 8785 JSON of the three fields. */
    byte[] canonicalForm() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("aggregateIdentifier", aggregateIdentifier);
        fields.put("sequenceNumber", sequenceNumber);
        fields.put("hash", hash);
        return Canonical.json(fields);
    }
}
