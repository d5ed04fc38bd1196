package org.nrmplatform.caseservice.cases;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCase;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Opens cases idempotently: a client that repeats an open with the same id and the same content (after a
 * timeout, say) is answered as the first time, and no second case appears; the same id with other
 * content is refused.
 */
@Component
class CaseOpening {

    private final CommandGateway commands;
    private final EventStorageEngine events;
    private final PersonalData personalData;

    CaseOpening(CommandGateway commands, EventStorageEngine events, PersonalData personalData) {
        this.commands = commands;
        this.events = events;
        this.personalData = personalData;
    }

    CaseStatus open(OpenCase command) {
        CaseStatus opened = new CaseStatus(command.caseId(), CaseStage.POTENTIAL_VICTIM, false, 0L);
        try {
            commands.sendAndWait(command);
            return opened;
        } catch (AggregateStreamCreationException | ConcurrencyException idAlreadyUsed) {
            if (command.equals(openedAs(command))) {
                return opened;
            }
            throw RuleViolation.stateDoesNotAllow("case id " + command.caseId() + " is already used by a case opened with "
                    + "different content; choose a new id");
        }
    }

    private OpenCase openedAs(OpenCase command) {
        DomainEventStream stream = events.readEvents(command.caseId().toString(), 0);
        if (!stream.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = stream.next();
        return first.getPayload() instanceof CaseOpened e
                ? new OpenCase(e.caseId(), e.detectingSector(), e.screenedAt(), e.location(), opened(e.dataSubject()),
                        e.openingOrganisationId())
                : null;
    }

    /** The stored subject in clear, to compare with the repeated request (an erased one never matches). */
    private DataSubject opened(SealedDataSubject subject) {
        PersonalData.Reading reading = personalData.reading();
        DataSubject clear = new DataSubject(reading.open(subject.givenName(), PersonalField.GIVEN_NAME),
                reading.open(subject.familyName(), PersonalField.FAMILY_NAME),
                reading.openDate(subject.dateOfBirth(), PersonalField.DATE_OF_BIRTH), subject.ageCategory(),
                subject.sex(), subject.citizenship());
        return reading.erased() ? null : clear;
    }
}
