package org.nrmplatform.referralservice.tasks;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ActionItem;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ConferenceRecorded;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.referralservice.tasks.TaskCommands.AssignTask;
import org.nrmplatform.shared.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes each action item of a case conference (case-service) the task it names: owed as agreed, assigned by the
 * organisation that recorded the conference, referring back to the conference. The task's id is the one the item
 * carries, and a task that exists already is left alone, so an event delivered again, or this processor's token
 * reset, makes no second task. What the item must satisfy (an organisation of the NRM, a due date ahead, a person of
 * the recording organisation) case-service checked before it recorded the conference.
 */
@Component
@ProcessingGroup(ConferenceActionItems.PROCESSING_GROUP)
class ConferenceActionItems {

    static final String PROCESSING_GROUP = "conference-action-items";
    private static final Logger LOG = LoggerFactory.getLogger(ConferenceActionItems.class);

    private final CommandGateway commands;
    private final EventStore events;
    private final PersonalData personalData;

    ConferenceActionItems(CommandGateway commands, EventStore events, PersonalData personalData) {
        this.commands = commands;
        this.events = events;
        this.personalData = personalData;
    }

    @EventHandler
    void on(ConferenceRecorded conference) {
        PersonalData.Reading reading = personalData.reading();
        for (ActionItem item : conference.actionItems()) {
            if (events.lastSequenceNumberFor(item.taskId().toString()).isPresent()) {
                continue; // made before
            }
            String description = reading.open(item.description(), PersonalField.CONFERENCE_ACTION_ITEM);
            if (description == null) {
                // the case's data subject was erased since: nothing personal can be recorded for it any more
                LOG.info("Action item {} of conference {} not made a task: the case's personal data is erased",
                        item.taskId(), conference.conferenceId());
                continue;
            }
            commands.sendAndWait(new AssignTask(item.taskId(), conference.caseId(),
                    conference.recordedByOrganisationId(), item.owedByOrganisationId(), null, item.owedByUserId(),
                    description, item.dueAt(), null, conference.conferenceId()));
        }
    }
}
