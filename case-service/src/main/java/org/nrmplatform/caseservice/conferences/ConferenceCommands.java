package org.nrmplatform.caseservice.conferences;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.conferences.ConferenceEvents.Participant;

/** Commands on a case conference; who records it is in their metadata. */
public final class ConferenceCommands {

    private ConferenceCommands() {
    }

    /** Work agreed at the conference, in clear until the conference seals it; {@code taskId}: the task it becomes. */
    public record Item(UUID taskId, String description, String owedByOrganisationId, String owedByUserId,
                       Instant dueAt) {
    }

    /** Checked against the case and the organisations before it is sent ({@link ConferenceRecording}). */
    public record RecordConference(@TargetAggregateIdentifier UUID conferenceId, UUID caseId, Instant heldAt,
                                   List<Participant> participants, String note, String decisions,
                                   List<Item> actionItems) {
    }
}
