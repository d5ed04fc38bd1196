package org.nrmplatform.caseservice.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.cases.Events.CaseOpened;
import org.nrmplatform.contracts.cases.Events.PresumedVictimFlagged;
import org.nrmplatform.shared.security.Actor;
import org.springframework.stereotype.Component;

/**
 * The full history of a case: its own events read from the event store itself (not a projection), so
 * they are complete the moment a write is acknowledged, and the events of its referrals, found through
 * the {@link ReferralIndex}, merged in time order.
 */
@Component
class CaseHistory {

    /** The question: every recorded event of one case, if {@code actor} may see the case. */
    record Query(UUID caseId, Actor actor) {
    }

    /**
     * One step: which record it belongs to (the case, or one of its referrals), what happened, when, and
     * the metadata known about who and why. {@code sequence} is the step's place in its own record.
     */
    record Entry(String aggregateType, String aggregateId, long sequence, String type, Instant timestamp,
                 Object payload, Map<String, Object> metadata) {
    }

    /** The answer; empty when there is no such case or the actor may not see it. */
    record Answer(List<Entry> entries) {
    }

    private final EventStorageEngine events;
    private final ReferralIndex referrals;

    CaseHistory(EventStorageEngine events, ReferralIndex referrals) {
        this.events = events;
        this.referrals = referrals;
    }

    /** One record of a case: its aggregate type and identifier. */
    record Stream(String aggregateType, String aggregateId) {
    }

    @QueryHandler
    Answer handle(Query query) {
        List<Entry> entries = new ArrayList<>(stream(query.caseId().toString()));
        Optional<CaseAccess> access = access(entries);
        if (access.isEmpty() || !access.get().visibleTo(query.actor())) {
            return new Answer(List.of());
        }
        for (String referralId : referrals.referralsOf(query.caseId())) {
            entries.addAll(stream(referralId));
        }
        // stable: events of one record keep their order when timestamps are equal
        entries.sort(Comparator.comparing(Entry::timestamp));
        return new Answer(List.copyOf(entries));
    }

    /** Who may see the case, from its own events; empty when there is no such case. */
    Optional<CaseAccess> accessTo(UUID caseId) {
        return access(stream(caseId.toString()));
    }

    private static Optional<CaseAccess> access(List<Entry> caseEvents) {
        CaseAccess access = null;
        for (Entry entry : caseEvents) {
            if (entry.payload() instanceof CaseOpened opened) {
                access = new CaseAccess(opened.openingOrganisationId(), null);
            } else if (entry.payload() instanceof PresumedVictimFlagged flagged && access != null) {
                access = new CaseAccess(access.openingOrganisationId(), flagged.responsibleOrganisationId());
            }
        }
        return Optional.ofNullable(access);
    }

    /**
     * Every record of a case's evidence: the case, its referrals, and the legal bases of its court exports
     * (not part of the history the case's professionals read).
     */
    List<Stream> evidenceStreamsOf(UUID caseId) {
        List<Stream> streams = new ArrayList<>();
        streams.add(new Stream("Case", caseId.toString()));
        referrals.referralsOf(caseId).forEach(referralId -> streams.add(new Stream("Referral", referralId)));
        streams.add(new Stream("CaseLegalBases", AuditEvents.legalBasesOf(caseId)));
        return streams;
    }

    /** One record's events from sequence 0, rather than EventStore.readEvents(id), which starts at a snapshot. */
    List<Entry> stream(String aggregateId) {
        return events.readEvents(aggregateId, 0).asStream()
                .map(CaseHistory::entry)
                .toList();
    }

    private static Entry entry(DomainEventMessage<?> event) {
        return new Entry(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getPayloadType().getSimpleName(), event.getTimestamp(), event.getPayload(),
                Map.copyOf(event.getMetaData()));
    }
}
