package org.nrmplatform.shared.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How stored events are written as JSON (Axon's serializer, which uses Jackson 2) and read back by what reads
 * them outside it: the history, the court export. Events are readable JSON so that the history can be inspected,
 * canonicalised and hashed; unknown fields are tolerated so that old readers survive new optional fields. The
 * HTTP layer uses the mapper Spring configures (Jackson 3); the evidence module keeps its own (see there).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    /** Shared, configured once: callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
