package org.nrmplatform.shared.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.nrmplatform.shared.web.CorrelationId;

/**
 * Stamps each command sent while handling an HTTP request with the request's correlation id, so that
 * the events it causes can be traced back to the request.
 */
public class RequestMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> CorrelationId.current()
                .filter(id -> !command.getMetaData().containsKey(CorrelationId.METADATA_KEY))
                .<CommandMessage<?>>map(id -> command.andMetaData(Map.of(CorrelationId.METADATA_KEY, id)))
                .orElse(command);
    }
}
