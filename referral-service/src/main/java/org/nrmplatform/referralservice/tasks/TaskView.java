package org.nrmplatform.referralservice.tasks;

import java.time.Instant;

/**
 * A task as the organisations it concerns read it (the one that owes it and the one that assigned it): what is
 * owed, by whom (an organisation, a role there, a person there by name), by when, whether it was reminded and escalated, and how it ended and why. {@code erased}: the
 * case's data subject was erased, so the texts are null; {@code conferenceId}: the case conference whose action
 * item it is, if any.
 */
public record TaskView(String id, String caseId, String assignedByOrganisationId, String owedByOrganisationId,
                       String owedByRole, String owedByUserId, String owedByName, String description, Instant dueAt, Instant remindAt, TaskStatus status,
                       Instant assignedAt, Instant remindedAt, Instant escalatedAt, Instant endedAt,
                       String doneReason, String cancellationReason, long version, boolean erased,
                       String conferenceId) {

    static final String COLLECTION = "tasks";
}
