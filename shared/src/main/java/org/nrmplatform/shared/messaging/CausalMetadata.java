package org.nrmplatform.shared.messaging;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.CorrelationId;

/**
 * What every message caused by another carries: the correlation id and trace id of the request at the
 * origin of the chain and the actor (all kept from message to message), and the id of the message that
 * directly caused it. Axon's default provider would instead overwrite {@code correlationId} with the parent's
 * message id.
 */
public class CausalMetadata implements CorrelationDataProvider {

    public static final String CAUSATION_ID = "causationId";
    /** The W3C trace id of the request at the origin of the chain (32 hex digits). */
    public static final String TRACE_ID = "traceId";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        data.put(CorrelationId.METADATA_KEY,
                message.getMetaData().getOrDefault(CorrelationId.METADATA_KEY, message.getIdentifier()));
        data.put(CAUSATION_ID, message.getIdentifier());
        Object traceId = message.getMetaData().get(TRACE_ID);
        if (traceId != null) {
            data.put(TRACE_ID, traceId);
        }
        for (String key : Actor.METADATA_KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
