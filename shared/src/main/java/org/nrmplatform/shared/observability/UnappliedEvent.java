package org.nrmplatform.shared.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * An event that a handler could not apply, named so that an operator can find it in the store: its type, its
 * global index, and its aggregate and sequence. Never its payload, which may carry personal data.
 */
public class UnappliedEvent extends RuntimeException {

    private final String eventType;
    private final Long globalIndex;
    private final String aggregate;
    private final Long sequence;

    private UnappliedEvent(String eventType, Long globalIndex, String aggregate, Long sequence, Exception cause) {
        super(eventType + (globalIndex == null ? "" : " at global index " + globalIndex)
                + (aggregate == null ? "" : " (" + aggregate + " #" + sequence + ")")
                + " could not be applied: " + failure(cause), cause);
        this.eventType = eventType;
        this.globalIndex = globalIndex;
        this.aggregate = aggregate;
        this.sequence = sequence;
    }

    static UnappliedEvent of(EventMessage<?> event, Exception cause) {
        Long globalIndex = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String aggregate = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregate = domain.getType() + " " + domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        return new UnappliedEvent(event.getPayloadType().getSimpleName(), globalIndex, aggregate, sequence, cause);
    }

    public String eventType() {
        return eventType;
    }

    /**
     * What an operator sees of a processor's error (health, projection status): the event named and the
     * handler's exception when {@code error} is an unapplied event, else the error alone (e.g. the store).
     */
    public static Map<String, Object> describe(Throwable error) {
        Map<String, Object> description = new LinkedHashMap<>();
        if (error instanceof UnappliedEvent unapplied) {
            description.put("event", unapplied.eventType);
            if (unapplied.globalIndex != null) {
                description.put("globalIndex", unapplied.globalIndex);
            }
            if (unapplied.aggregate != null) {
                description.put("aggregate", unapplied.aggregate);
                description.put("sequence", unapplied.sequence);
            }
            description.put("error", failure(unapplied.getCause()));
        } else {
            description.put("error", error == null ? "unknown" : failure(error));
        }
        return description;
    }

    private static String failure(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
