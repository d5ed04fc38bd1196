package org.nrmplatform.caseservice.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who read a case's personal data, through which view, when: the case's read log, oldest first. For the
 * prosecutor (misuse of access is an offence) and the operator (audits); neither sees the data itself here.
 * The log lives in the event store, so the evidence hash chain covers it; {@link CaseReadLog} finds a case's
 * entries.
 */
@RestController
class ReadLogController {

    /** One read; {@code sequence} is its place in the case's read log, from 0. */
    record Read(long sequence, String view, String userId, String clientId, String organisationId,
                List<String> roles, Instant readAt) {
    }

    /** {@code complete} is false where the most recent reads may be missing (see {@link CaseReadLog}). */
    record ReadLog(UUID caseId, List<Read> reads, boolean complete) {
    }

    private final CaseReadLog readLog;
    private final EventStorageEngine events;

    ReadLogController(CaseReadLog readLog, EventStorageEngine events) {
        this.readLog = readLog;
        this.events = events;
    }

    @GetMapping("/api/cases/{caseId}/read-log")
    @PreAuthorize("hasAnyRole('PROSECUTOR', 'OPERATOR')")
    ReadLog readLog(@PathVariable UUID caseId) {
        if (events.lastSequenceNumberFor(caseId.toString()).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        CaseReadLog.Reads reads = readLog.of(caseId);
        List<CaseReadLog.Read> all = reads.reads();
        return new ReadLog(caseId, IntStream.range(0, all.size()).mapToObj(i -> {
            CaseReadLog.Read read = all.get(i);
            return new Read(i, read.view(), read.userId(), read.clientId(), read.organisationId(), read.roles(),
                    read.readAt());
        }).toList(), reads.complete());
    }
}
