package org.nrmplatform.shared.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalDataRead;
import org.nrmplatform.shared.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The read log: every read path that answers a case's personal data calls {@link #record} before it answers.
 * Each read is a {@link PersonalDataRead} event appended to the case's read-log stream in the event store
 * (aggregate {@code <caseId>/reads}, the next sequence number, retried on a concurrent append), so it is as
 * permanent and as tamper-evident as the case's own events. When the log cannot be written the read fails
 * (503): personal data is never answered unlogged.
 *
 * <p>The last sequence number of each read log this instance wrote is remembered (for the most recently read
 * cases), so that a read costs one insert rather than a read of the whole log first; another instance's append
 * shows up as a conflict, after which the number is read from the store.
 */
public class PersonalDataReads {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataReads.class);
    private static final int ATTEMPTS = 5;
    private static final int REMEMBERED_LOGS = 10_000;

    private final EventStorageEngine events;
    private final Map<String, Long> lastSequences = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_LOGS;
        }
    };

    public PersonalDataReads(EventStorageEngine events) {
        this.events = events;
    }

    /** Records that {@code actor} read the personal data of a case through {@code view}. */
    public void record(UUID caseId, String view, Actor actor) {
        record(List.of(caseId), view, actor);
    }

    /** Records one read per case (a list that shows several cases' personal data). */
    public void record(Collection<UUID> caseIds, String view, Actor actor) {
        if (caseIds.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<String> roles = actor.roles().stream().map(Role::code).sorted().toList();
        MetaData metaData = MetaData.from(actor.toMetadata());
        for (int attempt = 1; ; attempt++) {
            try {
                List<DomainEventMessage<?>> reads = new ArrayList<>();
                for (UUID caseId : new LinkedHashSet<>(caseIds)) {
                    String stream = PersonalDataRead.streamOf(caseId);
                    long next = lastSequenceOf(stream).map(last -> last + 1).orElse(0L);
                    reads.add(new GenericDomainEventMessage<>(PersonalDataRead.AGGREGATE_TYPE, stream, next,
                            new PersonalDataRead(caseId, view, actor.userId(), actor.clientId(),
                                    actor.organisationId(), roles, now), metaData));
                }
                events.appendEvents(reads);
                remember(reads);
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException concurrentRead) {
                forget(caseIds);
                if (attempt == ATTEMPTS) {
                    throw notLogged(concurrentRead);
                }
            } catch (RuntimeException e) {
                throw notLogged(e);
            }
        }
    }

    private Optional<Long> lastSequenceOf(String stream) {
        synchronized (lastSequences) {
            Long remembered = lastSequences.get(stream);
            if (remembered != null) {
                return Optional.of(remembered);
            }
        }
        return events.lastSequenceNumberFor(stream);
    }

    private void remember(List<DomainEventMessage<?>> reads) {
        synchronized (lastSequences) {
            reads.forEach(read -> lastSequences.put(read.getAggregateIdentifier(), read.getSequenceNumber()));
        }
    }

    private void forget(Collection<UUID> caseIds) {
        synchronized (lastSequences) {
            caseIds.forEach(caseId -> lastSequences.remove(PersonalDataRead.streamOf(caseId)));
        }
    }

    /** A case's read log, oldest first. */
    public List<Entry> of(UUID caseId) {
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
