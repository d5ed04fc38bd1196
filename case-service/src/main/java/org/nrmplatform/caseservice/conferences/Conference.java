package org.nrmplatform.caseservice.conferences;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.Item;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.RecordConference;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ActionItem;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ConferenceRecorded;
import org.nrmplatform.contracts.conferences.ConferenceEvents.Participant;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;

/**
 * A multi-agency meeting on a case: when, who took part in which role, what was discussed (sealed), what was
 * decided (sealed), and the action items agreed, each of which referral-service makes a task. Recorded once, by a
 * professional of an organisation working the case ({@link ConferenceRecording} asks the case first); texts are
 * sealed with the case's key, so the case's erasure erases them.
 */
@Aggregate
public class Conference {

    @AggregateIdentifier
    private UUID conferenceId;

    protected Conference() {
        // required by Axon to rebuild the conference from its events
    }

    @CommandHandler
    public Conference(RecordConference command, CodeLists codeLists, PersonalData personalData, Clock clock,
                      MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData)
                .orElseThrow(() -> new IllegalStateException("a conference is recorded by an actor"));
        if (command.heldAt().isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("heldAt", "a conference is recorded once it was held");
        }
        if (command.participants().isEmpty()) {
            throw RuleViolation.ruleNotMet("participants", "name the organisations that took part");
        }
        Set<String> present = new HashSet<>();
        for (int i = 0; i < command.participants().size(); i++) {
            Participant participant = command.participants().get(i);
            codeLists.requireCode("conference-role", participant.role(), "participants[" + i + "].role");
            if (!present.add(participant.organisationId() + "/" + participant.role())) {
                throw RuleViolation.ruleNotMet("participants[" + i + "]", participant.organisationId()
                        + " is named twice in the role " + participant.role());
            }
        }
        requireText(command.note(), "note");
        PersonalData.Sealing sealing = personalData.sealing(command.caseId().toString());
        List<ActionItem> items = new ArrayList<>();
        for (int i = 0; i < command.actionItems().size(); i++) {
            Item item = command.actionItems().get(i);
            String field = "actionItems[" + i + "]";
            requireText(item.description(), field + ".description");
            if (!item.dueAt().isAfter(clock.instant())) {
                throw RuleViolation.ruleNotMet(field + ".dueAt", "an action item is due in the future");
            }
            if (item.owedByUserId() != null && !item.owedByOrganisationId().equals(actor.organisationId())) {
                throw RuleViolation.ruleNotMet(field + ".owedByUserId", "an action item names a person only of "
                        + "your own organisation; another organisation's item is owed by the organisation");
            }
            items.add(new ActionItem(item.taskId(), sealing.seal(PersonalField.CONFERENCE_ACTION_ITEM,
                    item.description()), item.owedByOrganisationId(), item.owedByUserId(), item.dueAt()));
        }
        apply(new ConferenceRecorded(command.conferenceId(), command.caseId(), command.heldAt(),
                actor.organisationId(), List.copyOf(command.participants()),
                sealing.seal(PersonalField.CONFERENCE_NOTE, command.note()),
                blank(command.decisions()) ? null : sealing.seal(PersonalField.CONFERENCE_DECISIONS, command.decisions()),
                List.copyOf(items)));
    }

    private static void requireText(String text, String field) {
        if (blank(text)) {
            throw RuleViolation.ruleNotMet(field, "must not be blank");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    @EventSourcingHandler
    void on(ConferenceRecorded event) {
        conferenceId = event.conferenceId();
    }
}
