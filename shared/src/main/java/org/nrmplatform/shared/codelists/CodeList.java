package org.nrmplatform.shared.codelists;

import java.util.List;
import java.util.Map;

/**
 * A versioned list of codes, from the HTCDS 2.0 standard where it has one (the codes are then its value
 * names, so exports map to HTCDS and CTDC without loss) or the platform's own.
 */
public record CodeList(String id, int version, String source, String htcdsField, List<Value> values) {

    public record Value(String code, String label, Map<String, Object> attributes) {
    }

    public boolean contains(String code) {
        return values.stream().anyMatch(value -> value.code().equals(code));
    }
}
