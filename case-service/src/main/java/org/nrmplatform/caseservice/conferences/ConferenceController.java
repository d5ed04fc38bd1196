package org.nrmplatform.caseservice.conferences;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.caseservice.audit.CaseEvidence;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.Item;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.RecordConference;
import org.nrmplatform.caseservice.conferences.ConferenceList.ConferenceView;
import org.nrmplatform.caseservice.conferences.ConferenceRecording.Recorded;
import org.nrmplatform.contracts.conferences.ConferenceEvents.Participant;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.PlausibleTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Case conferences over HTTP. The organisations working a case (first-line, case manager, identification authority,
 * within the cases they see) record one; they and the organisations at the table read it, the note only where
 * docs/need-to-know.md says. Reads are logged in the case's read log.
 */
@RestController
@RequestMapping("/api/cases/{caseId}/conferences")
class ConferenceController {

    static final String WORKING_ROLES = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY')";
    static final String READERS = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY', "
            + "'SERVICE_PROVIDER')";

    record ParticipantRequest(@NotBlank @Size(max = 64) String organisationId, @NotBlank @Size(max = 64) String role) {
    }

    record ItemRequest(@NotBlank @Size(max = 2000) String description,
                       @NotBlank @Size(max = 64) String owedByOrganisationId, @Size(max = 64) String owedByUserId,
                       @NotNull @PlausibleTime(future = true) Instant dueAt) {
    }

    /** {@code conferenceId}, when the caller sends one, makes a repeated request the same conference (409). */
    record ConferenceRequest(UUID conferenceId, @NotNull @PlausibleTime Instant heldAt,
                             @NotEmpty @Size(max = 30) List<@Valid @NotNull ParticipantRequest> participants,
                             @NotBlank @Size(max = 8000) String note, @Size(max = 8000) String decisions,
                             @Size(max = 30) List<@Valid @NotNull ItemRequest> actionItems) {
    }

    private final ConferenceRecording recording;
    private final ConferenceList conferences;
    private final CaseEvidence cases;
    private final PersonalDataReads reads;

    ConferenceController(ConferenceRecording recording, ConferenceList conferences, CaseEvidence cases,
                         PersonalDataReads reads) {
        this.recording = recording;
        this.conferences = conferences;
        this.cases = cases;
        this.reads = reads;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(WORKING_ROLES)
    @Operation(summary = "Record a case conference (organisations working the case); its action items become tasks",
            description = "Answers with the conference's id and, in the items' order, the ids of the tasks "
                    + "referral-service makes of its action items.")
    ResponseEntity<Recorded> record(@PathVariable UUID caseId, @Valid @RequestBody ConferenceRequest request) {
        UUID conferenceId = request.conferenceId() != null ? request.conferenceId() : UUID.randomUUID();
        List<Item> items = request.actionItems() == null ? List.of() : request.actionItems().stream()
                .map(item -> new Item(UUID.randomUUID(), item.description(), item.owedByOrganisationId(),
                        item.owedByUserId(), item.dueAt())).toList();
        Recorded recorded = recording.record(new RecordConference(conferenceId, caseId, request.heldAt(),
                request.participants().stream().map(participant -> new Participant(participant.organisationId(),
                        participant.role())).toList(), request.note(), request.decisions(), items));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/conferences/" + conferenceId))
                .body(recorded);
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "The case's conferences the caller may read, latest held first (else 404)")
    List<ConferenceView> list(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        Optional<CaseAccess> access = cases.accessTo(caseId);
        List<ConferenceView> answer = conferences.ofCase(caseId, actor, access);
        if (answer.isEmpty() && !access.map(found -> found.fullViewFor(actor)).orElse(false)) {
            throw notFound("No case " + caseId);
        }
        if (!answer.isEmpty()) {
            reads.record(caseId, "conference-list", actor);
        }
        return answer;
    }

    @GetMapping("/{conferenceId}")
    @PreAuthorize(READERS)
    @Operation(summary = "One conference of the case, if the caller may read it (else 404)")
    ConferenceView get(@PathVariable UUID caseId, @PathVariable UUID conferenceId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        ConferenceView conference = conferences.find(caseId, conferenceId, actor, cases.accessTo(caseId))
                .orElseThrow(() -> notFound("No conference " + conferenceId + " of case " + caseId));
        reads.record(caseId, "conference", actor);
        return conference;
    }

    private static ResponseStatusException notFound(String message) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
    }
}
