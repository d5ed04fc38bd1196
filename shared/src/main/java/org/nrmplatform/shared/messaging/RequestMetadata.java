package org.nrmplatform.shared.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.CorrelationId;

/**
 * Stamps each command sent while handling an HTTP request with the request's correlation id and the
 * actor from its validated token, so that every event it causes says who and in which request.
 */
public class RequestMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> request = new HashMap<>();
            CorrelationId.current().ifPresent(id -> request.put(CorrelationId.METADATA_KEY, id));
            Actor.current().ifPresent(actor -> request.putAll(actor.toMetadata()));
            request.keySet().removeAll(command.getMetaData().keySet());
            return request.isEmpty() ? command : command.andMetaData(request);
        };
    }
}
