package org.nrmplatform.referralservice.tasks;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskAssigned;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskCancelled;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskDone;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskEscalated;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskReminded;
import org.nrmplatform.referralservice.tasks.TaskCommands.AssignTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.CancelTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.EscalateTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.RecordTaskDone;
import org.nrmplatform.referralservice.tasks.TaskCommands.RemindTask;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;

/**
 * A task one organisation owes on a case (optionally a role or a person in it), due by an instant, with an optional reminder
 * before it: the deadline scheduler reminds the owing organisation and, once it is due and still open, escalates
 * it to the organisation that assigned it. The owing organisation records it done, the assigning one may cancel
 * it; either needs a reason. The case and the organisations are checked before the task exists
 * ({@link TaskAssignments}); from then on the task enforces its own lifecycle and who may act on it. Free texts
 * are sealed with the key of the task's case, so the case's erasure erases them.
 */
@Aggregate
public class Task {

    @AggregateIdentifier
    private UUID taskId;
    private UUID caseId;
    private String assignedByOrganisationId;
    private String owedByOrganisationId;
    private String owedByRole;
    private String owedByUserId;
    private Instant dueAt;
    private TaskStatus status;
    private boolean reminded;
    private boolean escalated;

    protected Task() {
        // required by Axon to rebuild the task from its events
    }

    @CommandHandler
    public Task(AssignTask command, PersonalData personalData, Clock clock) {
        // a conference's action item was due in the future when the conference was recorded; made later (its
        // event redelivered, referral-service stopped a while), it is made anyway and escalated when due
        if (command.conferenceId() == null && !command.dueAt().isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("dueAt", "a task is due in the future");
        }
        if (command.remindAt() != null && (!command.remindAt().isBefore(command.dueAt())
                || !command.remindAt().isAfter(clock.instant()))) {
            throw RuleViolation.ruleNotMet("remindAt", "the reminder comes after now and before the task is due");
        }
        requireText(command.description(), "description");
        apply(new TaskAssigned(command.taskId(), command.caseId(), command.assignedByOrganisationId(),
                command.owedByOrganisationId(), command.owedByRole(),
                personalData.seal(command.caseId(), PersonalField.TASK_DESCRIPTION, command.description()),
                command.dueAt(), command.remindAt(), command.owedByUserId(), command.conferenceId()));
    }

    /** By the owing organisation (in the role the task names, if it names one). */
    @CommandHandler
    public TaskState handle(RecordTaskDone command, PersonalData personalData, MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData).orElse(null);
        if (!owes(actor)) {
            throw notFound();
        }
        requireOpen("done");
        requireText(command.reason(), "reason");
        apply(new TaskDone(taskId, caseId, owedByOrganisationId,
                personalData.seal(caseId, PersonalField.TASK_DONE_REASON, command.reason())));
        return state();
    }

    /** By the organisation that assigned it; the owing organisation sees it cancelled. */
    @CommandHandler
    public TaskState handle(CancelTask command, PersonalData personalData, MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData).orElse(null);
        if (actor == null || !actor.organisationId().equals(assignedByOrganisationId)) {
            throw owes(actor) ? RuleViolation.ruleNotMet(null, "only the organisation that assigned the task "
                    + "cancels it; record it done, or ask them") : notFound();
        }
        requireOpen("cancelled");
        requireText(command.reason(), "reason");
        apply(new TaskCancelled(taskId, caseId, owedByOrganisationId,
                personalData.seal(caseId, PersonalField.TASK_CANCELLATION_REASON, command.reason())));
        return state();
    }

    /** Sent by the deadline scheduler; idempotent, and void once the task is ended. */
    @CommandHandler
    public TaskState handle(RemindTask command) {
        if (status == TaskStatus.OPEN && !reminded) {
            apply(new TaskReminded(taskId, caseId, owedByOrganisationId, dueAt));
        }
        return state();
    }

    /** Sent by the deadline scheduler; idempotent, and void once the task is ended. */
    @CommandHandler
    public TaskState handle(EscalateTask command) {
        if (status == TaskStatus.OPEN && !escalated) {
            apply(new TaskEscalated(taskId, caseId, assignedByOrganisationId, owedByOrganisationId, dueAt));
        }
        return state();
    }

    /** Whether the actor acts for the owing organisation, in the role and as the person the task names, if any. */
    private boolean owes(Actor actor) {
        return actor != null && actor.organisationId().equals(owedByOrganisationId)
                && (owedByRole == null || Role.fromCode(owedByRole).map(actor::has).orElse(false))
                && (owedByUserId == null || owedByUserId.equals(actor.userId()));
    }

    private void requireOpen(String step) {
        if (status != TaskStatus.OPEN) {
            throw RuleViolation.stateDoesNotAllow("only an open task can be " + step + "; this one is " + status);
        }
    }

    private static void requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw RuleViolation.ruleNotMet(field, "must not be blank");
        }
    }

    private AggregateNotFoundException notFound() {
        return new AggregateNotFoundException(taskId.toString(), "No task " + taskId);
    }

    private TaskState state() {
        return new TaskState(taskId, status, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(TaskAssigned event) {
        taskId = event.taskId();
        caseId = event.caseId();
        assignedByOrganisationId = event.assignedByOrganisationId();
        owedByOrganisationId = event.owedByOrganisationId();
        owedByRole = event.owedByRole();
        owedByUserId = event.owedByUserId();
        dueAt = event.dueAt();
        status = TaskStatus.OPEN;
    }

    @EventSourcingHandler
    void on(TaskReminded event) {
        reminded = true;
    }

    @EventSourcingHandler
    void on(TaskEscalated event) {
        escalated = true;
    }

    @EventSourcingHandler
    void on(TaskDone event) {
        status = TaskStatus.DONE;
    }

    @EventSourcingHandler
    void on(TaskCancelled event) {
        status = TaskStatus.CANCELLED;
    }
}
