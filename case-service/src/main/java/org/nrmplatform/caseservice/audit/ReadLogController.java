package org.nrmplatform.caseservice.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who read a case's personal data, through which view, when: the case's read log, oldest first. For the
 * prosecutor (misuse of access is an offence) and the operator (audits); neither sees the data itself here.
 * The log lives in the event store, so the evidence hash chain covers it.
 */
@RestController
class ReadLogController {

    record Read(long sequence, String view, String userId, String clientId, String organisationId,
                List<String> roles, Instant readAt) {
    }

    record ReadLog(UUID caseId, List<Read> reads) {
    }

    private final PersonalDataReads reads;
    private final EventStorageEngine events;

    ReadLogController(PersonalDataReads reads, EventStorageEngine events) {
        this.reads = reads;
        this.events = events;
    }

    @GetMapping("/api/cases/{caseId}/read-log")
    @PreAuthorize("hasAnyRole('PROSECUTOR', 'OPERATOR')")
    ReadLog readLog(@PathVariable UUID caseId) {
        if (events.lastSequenceNumberFor(caseId.toString()).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        return new ReadLog(caseId, reads.of(caseId).stream()
                .map(entry -> new Read(entry.sequence(), entry.read().view(), entry.read().userId(),
                        entry.read().clientId(), entry.read().organisationId(), entry.read().roles(),
                        entry.read().readAt()))
                .toList());
    }
}
