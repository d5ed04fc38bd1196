package org.nrmplatform.caseservice.retention;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisClosed;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.springframework.stereotype.Component;

/**
 * A case's proceedings as its stream of legal bases says them now (not a projection, which may lag): the case
 * decides on its erasure by them, so proceedings recorded a moment ago keep it.
 */
@Component
public class CaseProceedings {

    private final EventStore events;

    public CaseProceedings(EventStore events) {
        this.events = events;
    }

    public Proceedings of(UUID caseId) {
        Set<UUID> open = new HashSet<>();
        LocalDate lastEndedOn = null;
        DomainEventStream stream = events.readEvents(AuditEvents.legalBasesOf(caseId));
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof LegalBasisRecorded recorded) {
                open.add(recorded.legalBasisId());
            } else if (event.getPayload() instanceof LegalBasisClosed closed && open.remove(closed.legalBasisId())) {
                LocalDate endedOn = LocalDate.ofInstant(event.getTimestamp(), ZoneOffset.UTC);
                lastEndedOn = lastEndedOn == null || endedOn.isAfter(lastEndedOn) ? endedOn : lastEndedOn;
            }
        }
        return new Proceedings(open.size(), lastEndedOn);
    }
}
