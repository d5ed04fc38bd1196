package org.nrmplatform.contracts.conferences;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What a case conference recorded: when it was held, which organisations took part and in which role (code list
 * {@code conference-role}), what was discussed ({@code note}) and decided ({@code decisions}), and the action items
 * agreed, each becoming one task of referral-service with the id it carries here. The note, the decisions and
 * each item's description are sealed with the case's key; organisations, roles and dates stay in clear.
 */
public final class ConferenceEvents {

    private ConferenceEvents() {
    }

    /** An organisation at the table and the part it played there (chair, police, shelter, ...). */
    public record Participant(String organisationId, String role) {
    }

    /**
     * Work agreed at the conference: owed by an organisation, optionally a person of the recording organisation
     * ({@code owedByUserId}), by {@code dueAt}; {@code taskId}: the task it becomes.
     */
    public record ActionItem(UUID taskId, Sealed description, String owedByOrganisationId, String owedByUserId,
                             Instant dueAt) {
    }

    /** {@code recordedByOrganisationId}: the organisation of the professional who recorded it. */
    @Revision("1")
    public record ConferenceRecorded(UUID conferenceId, UUID caseId, Instant heldAt, String recordedByOrganisationId,
                                     List<Participant> participants, Sealed note, Sealed decisions,
                                     List<ActionItem> actionItems) {
    }
}
