package org.nrmplatform.caseservice.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.nrmplatform.contracts.privacy.CasesRead;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.springframework.stereotype.Component;

/**
 * A case's read log, complete the moment a read is answered: the reads recorded in the case's own stream
 * before {@link CasesRead} existed, then those the {@link ReadLogIndex} holds, then those among the events its
 * processor has not handled yet, read from the event store after the processor's position (taken before the
 * index is read, so that an event handled in between is found in one place or the other, never in neither).
 * Where that position is not known here (the processor's segment is claimed by another instance) or the events
 * after it are too many to read for one answer, the log is answered from the index alone and says it may be
 * incomplete.
 */
@Component
class CaseReadLog {

    /** More unhandled events than this are not read for one answer: the processor is catching up. */
    static final int MOST_UNHANDLED_READ = 20_000;

    /** One read: through which view or endpoint, who, when. */
    record Read(String view, String userId, String clientId, String organisationId, List<String> roles,
                Instant readAt) {
    }

    /** The reads, oldest first; {@code complete} is false where recent reads may be missing. */
    record Reads(List<Read> reads, boolean complete) {
    }

    private final PersonalDataReads earlier;
    private final ReadLogIndex index;
    private final EventStorageEngine events;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;

    CaseReadLog(PersonalDataReads earlier, ReadLogIndex index, EventStorageEngine events,
                EventProcessingConfiguration processing, TokenStore tokens) {
        this.tokens = tokens;
        this.earlier = earlier;
        this.index = index;
        this.events = events;
        this.processing = processing;
    }

    Reads of(UUID caseId) {
        Optional<Position> handled = handledUpTo();
        List<Read> reads = new ArrayList<>(earlier.earlierReadsOf(caseId).stream()
                .map(entry -> new Read(entry.read().view(), entry.read().userId(), entry.read().clientId(),
                        entry.read().organisationId(), entry.read().roles(), entry.read().readAt()))
                .toList());
        // by event id: an event handled after the position was taken is in the index and in the events after it
        Map<String, Read> recorded = new LinkedHashMap<>();
        index.readsOf(caseId).forEach(indexed -> recorded.put(indexed.eventId(), new Read(indexed.view(),
                indexed.userId(), indexed.clientId(), indexed.organisationId(), indexed.roles(), indexed.readAt())));
        boolean complete = handled.isPresent() && unhandledReadsOf(caseId, handled.get(), recorded);
        reads.addAll(recorded.values());
        return new Reads(List.copyOf(reads), complete);
    }

    /**
     * Adds the reads of the case among the events after {@code position}, in stored order; false when there
     * were more events than {@link #MOST_UNHANDLED_READ} to read.
     */
    private boolean unhandledReadsOf(UUID caseId, Position position, Map<String, Read> recorded) {
        int seen = 0;
        try (Stream<? extends TrackedEventMessage<?>> after = events.readEvents(position.token(), false)) {
            Iterator<? extends TrackedEventMessage<?>> unhandled = after.iterator();
            while (unhandled.hasNext()) {
                TrackedEventMessage<?> event = unhandled.next();
                if (++seen > MOST_UNHANDLED_READ) {
                    return false;
                }
                if (CasesRead.class.equals(event.getPayloadType())
                        && event.getPayload() instanceof CasesRead read && read.caseIds().contains(caseId)) {
                    recorded.putIfAbsent(event.getIdentifier(), new Read(read.view(), read.userId(), read.clientId(),
                            read.organisationId(), read.roles(), read.readAt()));
                }
            }
        }
        return true;
    }

    /** A processor's position; a null token is the start of the store. */
    private record Position(TrackingToken token) {
    }

    /**
     * How far the index's processor has handled the events, where this instance runs all its segments: the
     * lowest of their positions.
     */
    private Optional<Position> handledUpTo() {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(ReadLogIndex.NAME, StreamingEventProcessor.class);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return Optional.empty();
        }
        Collection<EventTrackerStatus> segments = processor.get().processingStatus().values();
        if (segments.isEmpty() || segments.size() != tokens.fetchSegments(ReadLogIndex.NAME).length) {
            return Optional.empty();
        }
        TrackingToken lowest = null;
        for (EventTrackerStatus segment : segments) {
            TrackingToken token = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            if (token == null) {
                return Optional.of(new Position(null));
            }
            lowest = lowest == null ? token : lowest.lowerBound(token);
        }
        return Optional.of(new Position(lowest));
    }
}
