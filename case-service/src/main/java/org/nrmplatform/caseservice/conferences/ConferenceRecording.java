package org.nrmplatform.caseservice.conferences;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.cases.CaseCommands.RequireWorkable;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.Item;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.RecordConference;
import org.nrmplatform.caseservice.organisations.KnownOrganisations;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Refuses a conference, before it is recorded, unless the caller works the case and it is open (the case decides:
 * else 404 or 409) and every organisation it names is one of the NRM's. What is known of organisations comes from
 * identity-service's events and may lag a registration made a moment ago; the refusal says so.
 */
@Component
class ConferenceRecording {

    /** The answer: the conference and the tasks its action items become, in the items' order. */
    record Recorded(UUID conferenceId, UUID caseId, List<UUID> taskIds) {
    }

    private final CommandGateway commands;
    private final KnownOrganisations organisations;

    ConferenceRecording(CommandGateway commands, KnownOrganisations organisations) {
        this.commands = commands;
        this.organisations = organisations;
    }

    Recorded record(RecordConference conference) {
        commands.sendAndWait(new RequireWorkable(conference.caseId()));
        for (int i = 0; i < conference.participants().size(); i++) {
            requireKnown(conference.participants().get(i).organisationId(), "participants[" + i + "].organisationId");
        }
        for (int i = 0; i < conference.actionItems().size(); i++) {
            requireKnown(conference.actionItems().get(i).owedByOrganisationId(),
                    "actionItems[" + i + "].owedByOrganisationId");
        }
        commands.sendAndWait(conference);
        return new Recorded(conference.conferenceId(), conference.caseId(),
                conference.actionItems().stream().map(Item::taskId).toList());
    }

    private void requireKnown(String organisationId, String field) {
        if (!organisations.contains(organisationId)) {
            throw RuleViolation.ruleNotMet(field, organisationId + " is not an organisation known to this NRM; if it "
                    + "was registered moments ago, retry");
        }
    }
}
