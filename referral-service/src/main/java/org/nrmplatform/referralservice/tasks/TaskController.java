package org.nrmplatform.referralservice.tasks;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.referralservice.tasks.TaskCommands.CancelTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.RecordTaskDone;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tasks over HTTP. The organisations that act on a case (its first-line professionals and case managers, as for a
 * referral) assign a task on it to an organisation of the NRM, optionally to a role there or to a colleague of
 * their own, and may cancel it; the
 * owing organisation's professionals list their organisation's tasks and record one done. Reads show a task only to
 * the organisation that owes it and the one that assigned it, and are logged in the case's read log.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    static final String ASSIGNERS = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER')";
    static final String WORKERS = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY', "
            + "'SERVICE_PROVIDER')";

    record AssignmentRequest(UUID taskId, @NotNull UUID caseId, @NotBlank @Size(max = 64) String owedByOrganisationId,
                             @Size(max = 64) String owedByRole, @Size(max = 64) String owedByUserId,
                             @NotBlank @Size(max = 2000) String description,
                             @NotNull @PlausibleTime(future = true) Instant dueAt,
                             @PlausibleTime(future = true) Instant remindAt) {
    }

    record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandGateway commands;
    private final TaskAssignments assignments;
    private final TaskList tasks;
    private final PersonalDataReads reads;
    private final Colleagues colleagues;

    TaskController(CommandGateway commands, TaskAssignments assignments, TaskList tasks, PersonalDataReads reads,
                   Colleagues colleagues) {
        this.commands = commands;
        this.assignments = assignments;
        this.tasks = tasks;
        this.reads = reads;
        this.colleagues = colleagues;
    }

    /** A person a task may name: someone of the caller's own organisation. */
    record ColleagueView(String id, String displayName) {
    }

    /** The people of the caller's organisation a task can be owed by (the assign form's choice). */
    @GetMapping("/colleagues")
    @PreAuthorize(ASSIGNERS)
    List<ColleagueView> colleagues(@AuthenticationPrincipal Jwt token) {
        return colleagues.of(Actor.from(token).organisationId()).stream()
                .map(colleague -> new ColleagueView(colleague.id(), colleague.displayName())).toList();
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(ASSIGNERS)
    ResponseEntity<TaskState> assign(@Valid @RequestBody AssignmentRequest request, @AuthenticationPrincipal Jwt token) {
        UUID taskId = request.taskId() != null ? request.taskId() : UUID.randomUUID();
        TaskState state = assignments.assign(new TaskAssignments.Assignment(taskId, request.caseId(),
                request.owedByOrganisationId(), request.owedByRole(), request.owedByUserId(), request.description(),
                request.dueAt(),
                request.remindAt()), Actor.from(token));
        return ResponseEntity.created(URI.create("/api/tasks/" + taskId)).body(state);
    }

    @PostMapping(path = "/{taskId}/completion", consumes = "application/json")
    @PreAuthorize(WORKERS)
    TaskState done(@PathVariable UUID taskId, @Valid @RequestBody ReasonRequest request) {
        return commands.sendAndWait(new RecordTaskDone(taskId, request.reason()));
    }

    @PostMapping(path = "/{taskId}/cancellation", consumes = "application/json")
    @PreAuthorize(ASSIGNERS)
    TaskState cancel(@PathVariable UUID taskId, @Valid @RequestBody ReasonRequest request) {
        return commands.sendAndWait(new CancelTask(taskId, request.reason()));
    }

    /** "My organisation's tasks": those it owes, soonest due first; {@code assigned=true}: those it assigned. */
    @GetMapping
    @PreAuthorize(WORKERS)
    TaskList.Page list(@RequestParam(defaultValue = "false") boolean assigned,
                       @RequestParam(required = false) TaskStatus status,
                       @RequestParam(required = false) UUID caseId,
                       @RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                       @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        TaskList.Page answer = tasks.list(actor, assigned, status, caseId, page, size);
        reads.record(answer.items().stream().map(task -> UUID.fromString(task.caseId())).toList(), "task-list",
                actor);
        return answer;
    }

    @GetMapping("/{taskId}")
    @PreAuthorize(WORKERS)
    TaskView get(@PathVariable UUID taskId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        TaskView task = tasks.find(taskId, actor)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No task " + taskId));
        reads.record(UUID.fromString(task.caseId()), "task", actor);
        return task;
    }
}
