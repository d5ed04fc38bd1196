package org.nrmplatform.shared.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.CasesRead;
import org.nrmplatform.contracts.privacy.PersonalDataRead;
import org.nrmplatform.shared.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The read log: every read path that answers personal data calls {@link #record} before it answers. Each answer
 * is one {@link CasesRead} event naming every case it shows, so it is as permanent and as tamper-evident as the
 * cases' own events. When the log cannot be written the read fails (503): personal data is never answered
 * unlogged.
 *
 * <p>The event goes to a read-log stream that no other request appends to at the same time: a request borrows
 * an idle stream of this instance (or opens a new one, {@code read-log/<random uuid>}), appends the next
 * sequence number, which only this instance knows, and gives the stream back. Concurrent readers, even of the
 * same cases, therefore never conflict, and there are only as many streams as requests this instance ever ran
 * at once (a stream per request would add one stream per read to every checkpoint's tree of stream heads). A
 * stream whose append failed is given up, as whether its event was stored is not known.
 */
public class PersonalDataReads {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataReads.class);
    private static final int ATTEMPTS = 3;

    /** A read-log stream and the sequence number its next event gets. */
    private static final class Lane {
        private final String stream = CasesRead.STREAM_PREFIX + UUID.randomUUID();
        private long next;
    }

    private final EventStorageEngine events;
    private final Clock clock;
    /** Idle streams, the most recently used first, so that a quiet instance keeps using the same few. */
    private final Deque<Lane> idle = new ConcurrentLinkedDeque<>();

    public PersonalDataReads(EventStorageEngine events, Clock clock) {
        this.clock = clock;
        this.events = events;
    }

    /** Records that {@code actor} read the personal data of a case through {@code view}. */
    public void record(UUID caseId, String view, Actor actor) {
        record(List.of(caseId), view, actor);
    }

    /** Records one read of every case an answer shows (a list that shows several cases' personal data). */
    public void record(Collection<UUID> caseIds, String view, Actor actor) {
        if (caseIds.isEmpty()) {
            return;
        }
        CasesRead read = new CasesRead(List.copyOf(new LinkedHashSet<>(caseIds)), view, actor.userId(),
                actor.clientId(), actor.organisationId(),
                actor.roles().stream().map(Role::code).sorted().toList(), clock.instant());
        MetaData metaData = MetaData.from(actor.toMetadata());
        for (int attempt = 1; ; attempt++) {
            Lane lane = idle.pollFirst();
            if (lane == null) {
                lane = new Lane();
            }
            try {
                events.appendEvents(new GenericDomainEventMessage<>(CasesRead.AGGREGATE_TYPE, lane.stream, lane.next,
                        read, metaData));
                lane.next++;
                idle.addFirst(lane);
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException takenElsewhere) {
                // only if another process drew the same random stream id: give it up and open another
                if (attempt == ATTEMPTS) {
                    throw notLogged(takenElsewhere);
                }
            } catch (RuntimeException e) {
                throw notLogged(e);
            }
        }
    }

    /**
     * The reads of a case recorded in its own stream before {@link CasesRead} (as {@link PersonalDataRead}),
     * oldest first; the later ones are found by case in case-service's read-log index.
     */
    public List<Entry> earlierReadsOf(UUID caseId) {
        return events.readEvents(PersonalDataRead.streamOf(caseId), 0).asStream()
                .map(event -> new Entry(event.getSequenceNumber(), (PersonalDataRead) event.getPayload()))
                .toList();
    }

    public record Entry(long sequence, PersonalDataRead read) {
    }

    private static ResponseStatusException notLogged(RuntimeException cause) {
        log.error("a read of personal data could not be logged; the read is refused", cause);
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "the read could not be recorded in the read log, so the data is not shown; retry later", cause);
    }
}
