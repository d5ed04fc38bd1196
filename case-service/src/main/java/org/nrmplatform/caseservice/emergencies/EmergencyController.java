package org.nrmplatform.caseservice.emergencies;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.caseservice.audit.CaseEvidence;
import org.nrmplatform.caseservice.emergencies.EmergencyCaseList.CaseRow;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.RegisterEmergencySituation;
import org.nrmplatform.caseservice.emergencies.EmergencySituationList.SituationView;
import org.nrmplatform.caseservice.emergencies.GroupRegistration.Group;
import org.nrmplatform.caseservice.emergencies.GroupRegistration.Line;
import org.nrmplatform.caseservice.emergencies.GroupRegistration.Outcome;
import org.nrmplatform.caseservice.emergencies.GroupRegistration.Person;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.contracts.emergencies.EmergencyEvents.EmergencySituationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.PlausibleTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
 * Emergency situations over HTTP. The roles that open cases register a situation and its persons; they, the
 * identification authority and the monitor (who counts by situation) read the situations, which hold nothing about
 * a person; a situation's cases are listed to each caller only as far as it may see each case
 * (docs/need-to-know.md), the others counted. Reads of cases are logged in their read logs.
 */
@RestController
@RequestMapping("/api/emergency-situations")
class EmergencyController {

    static final String REGISTRARS = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER')";
    static final String READERS = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY', 'MONITOR')";
    static final String CASE_READERS = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY')";

    /** {@code situationId}, when sent, makes a repeated request the same situation (same content: same answer). */
    record SituationRequest(UUID situationId, @NotBlank @Size(max = 64) String kind,
                            @NotBlank @Size(min = 2, max = 2) String country,
                            @NotBlank @Size(max = 200) String municipality,
                            @NotNull @PlausibleTime LocalDate startedOn, @Size(max = 1000) String description) {
    }

    /** One person as recorded on site: nothing but {@code sex} and {@code ageCategory} is required. */
    record PersonRequest(UUID caseId, @Size(max = 40) String temporaryReference, @NotBlank @Size(max = 64) String sex,
                         @NotNull AgeCategory ageCategory,
                         @Size(max = 5) List<@NotBlank @Size(min = 2, max = 2) String> citizenship,
                         @Size(max = 5) List<@NotBlank @Size(max = 3) String> languages,
                         @Size(max = 10) List<@NotBlank @Size(max = 64) String> immediateNeeds,
                         @Size(max = 20) Map<String, @NotNull IndicatorAnswer> rapidAnswers) {
    }

    record GroupRequest(@NotBlank @Size(max = 64) String detectingSector, @NotNull @PlausibleTime Instant screenedAt,
                        @NotEmpty @Size(max = GroupRegistration.MAX_PERSONS)
                        List<@Valid @NotNull PersonRequest> persons) {
    }

    /** The answer to a group stored whole: each line's outcome, in the request's order. */
    record Registered(String situationId, int stored, int alreadyStored, List<Line> persons) {
    }

    /** A situation's cases as the caller may read them; {@code others}: cases it may not see, only counted. */
    record SituationCases(String situationId, List<CaseRow> cases, long toComplete, long others) {
    }

    /** One step of a situation's history; {@code caseId} null where the caller may not see the case. */
    record HistoryEntry(String type, Instant timestamp, String organisationId, String caseId,
                        Map<String, Object> payload) {
    }

    private final CommandGateway commands;
    private final EventStorageEngine events;
    private final GroupRegistration registration;
    private final EmergencySituationList situations;
    private final EmergencyCaseList cases;
    private final CaseEvidence evidence;
    private final PersonalDataReads reads;

    EmergencyController(CommandGateway commands, EventStorageEngine events, GroupRegistration registration,
                        EmergencySituationList situations, EmergencyCaseList cases, CaseEvidence evidence,
                        PersonalDataReads reads) {
        this.commands = commands;
        this.events = events;
        this.registration = registration;
        this.situations = situations;
        this.cases = cases;
        this.evidence = evidence;
        this.reads = reads;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(REGISTRARS)
    @Operation(summary = "Register an emergency situation (a raid, a large arrival, a rescue); its description is "
            + "about what happened, never about a person")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody SituationRequest request,
                                                 @AuthenticationPrincipal Jwt token) {
        UUID situationId = request.situationId() != null ? request.situationId() : UUID.randomUUID();
        RegisterEmergencySituation command = new RegisterEmergencySituation(situationId, request.kind(),
                request.country().toUpperCase(), request.municipality(), request.startedOn(), request.description());
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException idAlreadyUsed) {
            if (!sameAsStored(command, Actor.from(token))) {
                throw idAlreadyUsed; // 409: the id names another situation
            }
        }
        return ResponseEntity.created(URI.create("/api/emergency-situations/" + situationId))
                .body(Map.of("situationId", situationId.toString()));
    }

    /** Whether the situation stored under the command's id is the one the command registers (a repeat). */
    private boolean sameAsStored(RegisterEmergencySituation command, Actor actor) {
        var stored = events.readEvents(command.situationId().toString(), 0);
        if (!stored.hasNext() || !(stored.next().getPayload() instanceof EmergencySituationRegistered first)) {
            return false;
        }
        String description = command.description() == null || command.description().isBlank() ? null
                : command.description().strip();
        return first.kind().equals(command.kind()) && first.country().equals(command.country())
                && first.municipality().equals(command.municipality().strip())
                && first.startedOn().equals(command.startedOn()) && actor.organisationId()
                .equals(first.recordedByOrganisationId()) && Objects.equals(first.description(), description);
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "Every emergency situation, the latest started first, with how many persons it has")
    List<SituationView> list() {
        return situations.all(cases);
    }

    @GetMapping("/{situationId}")
    @PreAuthorize(READERS)
    @Operation(summary = "One emergency situation (else 404)")
    SituationView get(@PathVariable UUID situationId) {
        return situations.find(situationId, cases).orElseThrow(() -> notFound(situationId));
    }

    @PostMapping(path = "/{situationId}/persons", consumes = "application/json")
    @PreAuthorize(REGISTRARS)
    @Operation(summary = "Rapid registration: up to 50 persons found together, each becoming a case to complete",
            description = "201 only when every person is stored (now or by an earlier request with the same "
                    + "caseId). A person breaking a rule: 422, nothing stored. A person not stored for another "
                    + "reason (its id used by another case: 409; the store failing: 503): the problem lists each "
                    + "person's outcome; send the same group again to store the rest.")
    ResponseEntity<?> registerPersons(@PathVariable UUID situationId, @Valid @RequestBody GroupRequest request,
                                      @AuthenticationPrincipal Jwt token) {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < request.persons().size(); i++) {
            UUID caseId = request.persons().get(i).caseId();
            if (caseId != null && !ids.add(caseId)) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "persons[" + i + "].caseId repeats "
                        + "another person's: each person's caseId is its own");
            }
        }
        List<Person> persons = request.persons().stream().map(person -> new Person(person.caseId(),
                person.temporaryReference(), person.sex(), person.ageCategory(), upper(person.citizenship()),
                person.languages(), person.immediateNeeds(), person.rapidAnswers())).toList();
        List<Line> lines = registration.register(new Group(situationId, request.detectingSector(),
                request.screenedAt(), Actor.from(token).organisationId(), persons));
        if (lines.stream().allMatch(Line::stored)) {
            int stored = (int) lines.stream().filter(line -> line.outcome() == Outcome.STORED).count();
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Registered(situationId.toString(), stored, lines.size() - stored, lines));
        }
        return problem(lines);
    }

    /** Not every person stored: a problem whose status says why, listing every person's outcome. */
    private static ResponseEntity<ProblemDetail> problem(List<Line> lines) {
        HttpStatus status;
        String title;
        if (lines.stream().anyMatch(line -> line.outcome() == Outcome.REFUSED)) {
            status = HttpStatus.UNPROCESSABLE_CONTENT;
            title = "Rule of the process not met";
        } else if (lines.stream().anyMatch(line -> line.outcome() == Outcome.ID_IN_USE)) {
            status = HttpStatus.CONFLICT;
            title = "Not possible in the current state";
        } else {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            title = "Not every person was stored";
        }
        long stored = lines.stream().filter(Line::stored).count();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, stored + " of " + lines.size()
                + " persons are stored; the others are not (see persons). Correct them and send the group again: "
                + "persons already stored are not stored twice.");
        problem.setTitle(title);
        List<Map<String, String>> errors = new ArrayList<>();
        lines.stream().filter(line -> line.field() != null).forEach(line -> {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("field", line.field());
            error.put("message", line.message());
            errors.add(error);
        });
        problem.setProperty("errors", errors);
        problem.setProperty("persons", lines);
        return ResponseEntity.status(status).body(problem);
    }

    @GetMapping("/{situationId}/cases")
    @PreAuthorize(CASE_READERS)
    @Operation(summary = "The situation's cases the caller may see, with whether each is still to complete; the "
            + "others only counted")
    SituationCases casesOf(@PathVariable UUID situationId, @AuthenticationPrincipal Jwt token) {
        situations.find(situationId, cases).orElseThrow(() -> notFound(situationId));
        Actor actor = Actor.from(token);
        List<CaseRow> all = cases.ofSituation(situationId);
        List<CaseRow> visible = all.stream().filter(row -> visible(row, actor)).toList();
        reads.record(visible.stream().map(row -> UUID.fromString(row.caseId())).toList(), "emergency-cases", actor);
        return new SituationCases(situationId.toString(), visible,
                visible.stream().filter(CaseRow::toComplete).count(), all.size() - visible.size());
    }

    @GetMapping("/cases-to-complete")
    @PreAuthorize(REGISTRARS)
    @Operation(summary = "The cases the caller's organisation registered in emergency situations and has still to "
            + "complete (a full indicator set, a presumed-victim flag or the closure completes one)")
    List<CaseRow> toComplete(@AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        List<CaseRow> rows = cases.toCompleteBy(actor.organisationId()).stream()
                .filter(row -> visible(row, actor)).toList();
        reads.record(rows.stream().map(row -> UUID.fromString(row.caseId())).toList(), "emergency-cases", actor);
        return rows;
    }

    @GetMapping("/{situationId}/history")
    @PreAuthorize(READERS)
    @Operation(summary = "The situation's history: its registration, then each person registered in it (the case "
            + "named only to those who may see it)")
    List<HistoryEntry> history(@PathVariable UUID situationId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        List<HistoryEntry> entries = new ArrayList<>();
        events.readEvents(situationId.toString(), 0).asStream()
                .filter(event -> event.getPayload() instanceof EmergencySituationRegistered)
                .forEach(event -> entries.add(entry(event)));
        if (entries.isEmpty()) {
            throw notFound(situationId);
        }
        boolean readsCases = actor.has(Role.FIRST_LINE) || actor.has(Role.CASE_MANAGER)
                || actor.has(Role.IDENTIFICATION_AUTHORITY);
        for (CaseRow row : cases.ofSituation(situationId)) {
            boolean shown = readsCases && visible(row, actor);
            entries.add(new HistoryEntry("CaseRegisteredInEmergency", row.registeredAt(), row.openingOrganisationId(),
                    shown ? row.caseId() : null, Map.of()));
        }
        return entries;
    }

    private static HistoryEntry entry(DomainEventMessage<?> event) {
        EmergencySituationRegistered registered = (EmergencySituationRegistered) event.getPayload();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", registered.kind());
        payload.put("country", registered.country());
        payload.put("municipality", registered.municipality());
        payload.put("startedOn", registered.startedOn().toString());
        payload.put("description", registered.description());
        return new HistoryEntry("EmergencySituationRegistered", event.getTimestamp(),
                registered.recordedByOrganisationId(), null, payload);
    }

    /** Whether the actor sees the case: by the case's own rule (CaseAccess), its opening organisation first. */
    private boolean visible(CaseRow row, Actor actor) {
        if ((actor.has(Role.FIRST_LINE) || actor.has(Role.CASE_MANAGER))
                && actor.organisationId().equals(row.openingOrganisationId())) {
            return true;
        }
        return evidence.accessTo(UUID.fromString(row.caseId())).map(access -> access.fullViewFor(actor))
                .orElse(false);
    }

    private static List<String> upper(List<String> codes) {
        return codes == null ? null : codes.stream().map(String::toUpperCase).toList();
    }

    private static ResponseStatusException notFound(UUID situationId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No emergency situation " + situationId);
    }
}
