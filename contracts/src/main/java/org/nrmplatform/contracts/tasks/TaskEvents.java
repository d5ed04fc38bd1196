package org.nrmplatform.contracts.tasks;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What happened to a task on a case: assigned to an organisation (and, optionally, to a role in it) with a due
 * date and an optional reminder, reminded, escalated once overdue, and ended as done or cancelled, each with a
 * reason. The description and the reasons are sealed with the case's key (they may tell about the person).
 */
public final class TaskEvents {

    private TaskEvents() {
    }

    /**
     * {@code owedByRole}: the token role (e.g. {@code case-manager}) the task is for, or null for anyone there;
     * {@code owedByUserId}: the person there it is for (a colleague of the assigner), or null. Tasks assigned before
     * persons could be named have none; {@code conferenceId}: the case conference whose action item the task is,
     * or null for a task assigned on its own.
     */
    @Revision("1")
    public record TaskAssigned(UUID taskId, UUID caseId, String assignedByOrganisationId,
                               String owedByOrganisationId, String owedByRole, Sealed description, Instant dueAt,
                               Instant remindAt, String owedByUserId, UUID conferenceId) {
    }

    /** The reminder came due with the task still open. */
    @Revision("1")
    public record TaskReminded(UUID taskId, UUID caseId, String owedByOrganisationId, Instant dueAt) {
    }

    /** The task was not done by {@code dueAt}: the organisation that assigned it is told. */
    @Revision("1")
    public record TaskEscalated(UUID taskId, UUID caseId, String assignedByOrganisationId,
                                String owedByOrganisationId, Instant dueAt) {
    }

    @Revision("1")
    public record TaskDone(UUID taskId, UUID caseId, String owedByOrganisationId, Sealed reason) {
    }

    @Revision("1")
    public record TaskCancelled(UUID taskId, UUID caseId, String owedByOrganisationId, Sealed reason) {
    }
}
