package org.nrmplatform.identityservice;

import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Sends a creating command once: a repeat with the same id and the same content (a retry after a timeout,
 * a second instance seeding the demo) is answered as the first was and records nothing; the same id with
 * other content is refused.
 */
@Component
public class IdempotentCreation {

    /** What happened to the creating command. */
    public enum Outcome {
        CREATED,
        ALREADY_CREATED
    }

    private final CommandGateway commands;
    private final EventStorageEngine events;

    public IdempotentCreation(CommandGateway commands, EventStorageEngine events) {
        this.commands = commands;
        this.events = events;
    }

    /**
     * @param asCommand turns the first recorded event of a stream into the command that would have created it
     *                  (null when the event is of another kind)
     */
    public Outcome create(UUID id, Object command, Function<Object, Object> asCommand) {
        try {
            commands.sendAndWait(command);
            return Outcome.CREATED;
        } catch (AggregateStreamCreationException | ConcurrencyException idAlreadyUsed) {
            if (command.equals(firstEvent(id, asCommand))) {
                return Outcome.ALREADY_CREATED;
            }
            throw RuleViolation.stateDoesNotAllow("id " + id + " is already used by another record; choose a new id");
        }
    }

    /** Whether anything has been recorded under the id. */
    public boolean exists(UUID id) {
        return events.readEvents(id.toString(), 0).hasNext();
    }

    private Object firstEvent(UUID id, Function<Object, Object> asCommand) {
        DomainEventStream stream = events.readEvents(id.toString(), 0);
        if (!stream.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = stream.next();
        return asCommand.apply(first.getPayload());
    }
}
