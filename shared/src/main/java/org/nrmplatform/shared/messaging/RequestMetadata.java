package org.nrmplatform.shared.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.CorrelationId;

/**
 * Stamps each command sent while handling an HTTP request with the request's correlation id, the trace id of
 * the current trace (W3C trace context, continued from the caller's {@code traceparent}) and the actor from
 * its validated token, so that every event it causes says who, in which request and in which trace.
 */
public class RequestMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final Supplier<Optional<String>> currentTraceId;

    /** @param currentTraceId the trace id of the span current on the dispatching thread, if any */
    public RequestMetadata(Supplier<Optional<String>> currentTraceId) {
        this.currentTraceId = currentTraceId;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> request = new HashMap<>();
            CorrelationId.current().ifPresent(id -> request.put(CorrelationId.METADATA_KEY, id));
            currentTraceId.get().ifPresent(id -> request.put(CausalMetadata.TRACE_ID, id));
            // a command that names its actor already (an approved step carried out as its requester's) keeps it
            // whole: the approver's user id must not fill in for a requester that was an API client
            if (!command.getMetaData().containsKey(Actor.ORGANISATION_ID)) {
                Actor.current().ifPresent(actor -> request.putAll(actor.toMetadata()));
            }
            request.keySet().removeAll(command.getMetaData().keySet());
            return request.isEmpty() ? command : command.andMetaData(request);
        };
    }
}
