package org.nrmplatform.caseservice.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.contracts.cases.Events.CaseOpened;
import org.nrmplatform.contracts.cases.Events.PresumedVictimFlagged;
import org.nrmplatform.shared.security.Actor;
import org.springframework.stereotype.Component;

/**
 * The full history of a case, read from the event store itself (not a projection), so it is complete
 * and in order the moment a write is acknowledged.
 */
@Component
class CaseHistory {

    /** The question: every recorded event of one case, if {@code actor} may see the case. */
    record Query(UUID caseId, Actor actor) {
    }

    /** One step: what happened, when, and the metadata known about who and why. */
    record Entry(long sequence, String type, Instant timestamp, Object payload, Map<String, Object> metadata) {
    }

    /** The answer; empty when there is no such case or the actor may not see it. */
    record Answer(List<Entry> entries) {
    }

    private final EventStorageEngine events;

    CaseHistory(EventStorageEngine events) {
        this.events = events;
    }

    @QueryHandler
    Answer handle(Query query) {
        // from sequence 0 rather than EventStore.readEvents(id), which would start from a snapshot
        DomainEventStream stream = events.readEvents(query.caseId().toString(), 0);
        List<Entry> entries = new ArrayList<>();
        CaseAccess access = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof CaseOpened opened) {
                access = new CaseAccess(opened.openingOrganisationId(), null);
            } else if (event.getPayload() instanceof PresumedVictimFlagged flagged && access != null) {
                access = new CaseAccess(access.openingOrganisationId(), flagged.responsibleOrganisationId());
            }
            entries.add(new Entry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), event.getPayload(), Map.copyOf(event.getMetaData())));
        }
        return access != null && access.visibleTo(query.actor()) ? new Answer(List.copyOf(entries))
                : new Answer(List.of());
    }
}
