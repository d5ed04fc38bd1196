package org.nrmplatform.identityservice.organisations;

import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.springframework.stereotype.Component;

/**
 * Answers from the event store rather than the organisation directory, so that an account can be created
 * in an organisation the moment its registration is acknowledged. The first event must be the
 * registration: an id of some other record (a user, a case) is not an organisation.
 */
@Component
class EventStoreOrganisations implements Organisations {

    private final EventStorageEngine events;

    EventStoreOrganisations(EventStorageEngine events) {
        this.events = events;
    }

    @Override
    public boolean registered(UUID organisationId) {
        DomainEventStream stream = events.readEvents(organisationId.toString(), 0);
        if (!stream.hasNext()) {
            return false;
        }
        DomainEventMessage<?> first = stream.next();
        return OrganisationRegistered.class.equals(first.getPayloadType());
    }
}
