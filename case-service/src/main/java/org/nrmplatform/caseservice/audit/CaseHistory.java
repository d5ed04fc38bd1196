package org.nrmplatform.caseservice.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.nrmplatform.caseservice.cases.CaseFile;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.store.EventJson;
import org.springframework.stereotype.Component;

/**
 * The full history of a case: its own events read from the event store itself (not a projection), so
 * they are complete the moment a write is acknowledged, and the events of its referrals, found through
 * the {@link ReferralIndex}, merged in time order. Personal fields are opened for the answer; those of an
 * erased data subject are null, and the entry says {@code erased: true}.
 */
@Component
class CaseHistory {

    /** The question: every recorded event of one case, if {@code actor} may see the case. */
    record Query(UUID caseId, Actor actor) {
    }

    /**
     * One step: which record it belongs to (the case, or one of its referrals), what happened, when, and
     * the metadata known about who and why. {@code sequence} is the step's place in its own record;
     * {@code payload} is the event with its personal fields in clear, or null where {@code erased}.
     */
    record Entry(String aggregateType, String aggregateId, long sequence, String type, Instant timestamp,
                 Map<String, Object> payload, boolean erased, Map<String, Object> metadata) {
    }

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };

    /** The answer; empty when there is no such case or the actor may not see it. */
    record Answer(List<Entry> entries) {
    }

    private final EventStorageEngine events;
    private final ReferralIndex referrals;
    private final PersonalData personalData;

    CaseHistory(EventStorageEngine events, ReferralIndex referrals, PersonalData personalData) {
        this.events = events;
        this.referrals = referrals;
        this.personalData = personalData;
    }

    /** One record of a case: its aggregate type and identifier. */
    record Stream(String aggregateType, String aggregateId) {
    }

    @QueryHandler
    Answer handle(Query query) {
        List<DomainEventMessage<?>> recorded = new ArrayList<>(stream(query.caseId().toString()));
        Optional<CaseAccess> access = access(recorded);
        if (access.isEmpty() || !access.get().visibleTo(query.actor())) {
            return new Answer(List.of());
        }
        for (String referralId : referrals.referralsOf(query.caseId())) {
            recorded.addAll(stream(referralId));
        }
        PersonalData.Reading reading = personalData.reading();
        List<Entry> entries = new ArrayList<>(recorded.stream().map(event -> entry(event, reading)).toList());
        // stable: events of one record keep their order when timestamps are equal
        entries.sort(Comparator.comparing(Entry::timestamp));
        return new Answer(List.copyOf(entries));
    }

    /** Who may see the case, from its own events; empty when there is no such case. */
    Optional<CaseAccess> accessTo(UUID caseId) {
        return access(stream(caseId.toString()));
    }

    /** Who may see the case, by the one fold of its events ({@link CaseFile}); empty when there is none. */
    private static Optional<CaseAccess> access(List<DomainEventMessage<?>> caseEvents) {
        CaseFile file = null;
        for (DomainEventMessage<?> event : caseEvents) {
            file = CaseFile.fold(file, event.getPayload(),
                    new CaseFile.EventMeta(event.getSequenceNumber(), event.getTimestamp()));
        }
        return Optional.ofNullable(file).map(CaseFile::access);
    }

    /**
     * Every record of a case's evidence: the case, its referrals, and the legal bases of its court exports
     * (not part of the history the case's professionals read).
     */
    List<Stream> evidenceStreamsOf(UUID caseId) {
        List<Stream> streams = new ArrayList<>();
        streams.add(new Stream("Case", caseId.toString()));
        referrals.recordsOf(caseId).forEach(record -> streams.add(new Stream(record.aggregateType(),
                record.referralId())));
        streams.add(new Stream("CaseLegalBases", AuditEvents.legalBasesOf(caseId)));
        return streams;
    }

    /** One record's events from sequence 0, rather than EventStore.readEvents(id), which starts at a snapshot. */
    List<DomainEventMessage<?>> stream(String aggregateId) {
        return events.readEvents(aggregateId, 0).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    /** The event as an entry, its personal fields opened. */
    private static Entry entry(DomainEventMessage<?> event, PersonalData.Reading reading) {
        String type = event.getPayloadType().getSimpleName();
        PersonalData.OpenedPayload opened = reading.openPayload(type, JSON.convertValue(event.getPayload(), TREE));
        return new Entry(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(), type,
                event.getTimestamp(), opened.payload(), opened.erased(), Map.copyOf(event.getMetaData()));
    }
}
