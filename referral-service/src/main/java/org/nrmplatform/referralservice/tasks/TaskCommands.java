package org.nrmplatform.referralservice.tasks;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a task. */
public final class TaskCommands {

    private TaskCommands() {
    }

    /**
     * Checked against the case and the organisation before it is sent ({@link TaskAssignments}), or, for an action
     * item of a case conference ({@code conferenceId}), by case-service when the conference was recorded
     * ({@link ConferenceActionItems}).
     */
    public record AssignTask(@TargetAggregateIdentifier UUID taskId, UUID caseId, String assignedByOrganisationId,
                             String owedByOrganisationId, String owedByRole, String owedByUserId, String description, Instant dueAt,
                             Instant remindAt, UUID conferenceId) {
    }

    public record RecordTaskDone(@TargetAggregateIdentifier UUID taskId, String reason) {
    }

    public record CancelTask(@TargetAggregateIdentifier UUID taskId, String reason) {
    }

    /** Sent by the deadline scheduler when the reminder comes due. */
    public record RemindTask(@TargetAggregateIdentifier UUID taskId) {
    }

    /** Sent by the deadline scheduler when the task comes due. */
    public record EscalateTask(@TargetAggregateIdentifier UUID taskId) {
    }
}
