package org.nrmplatform.caseservice.emergencies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.caseservice.cases.Case;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCase;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCaseInEmergency;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.LocateSituation;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.Place;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Registers a group of persons found together in one request, each person a case of its own. The event store
 * stores one case at a time, so a group is not one transaction; what comes closest: every person is checked
 * against the case's rules before any is stored (one wrong line, nothing stored), each case is stored whole (its
 * opening, its link to the situation and its rapid assessment together or not at all), and each line is answered
 * with its own outcome. A line's {@code caseId} is its request id: the same group sent again (after a timeout, or
 * after the store failed at the 7th of 10) stores only the lines not yet stored, and answers the others
 * {@link Outcome#ALREADY_STORED}.
 */
@Component
class GroupRegistration {

    /** At most this many persons in one request: a larger group is sent in parts. */
    static final int MAX_PERSONS = 50;

    /** One person as recorded on site; {@code caseId}: the line's request id (the case it becomes). */
    record Person(UUID caseId, String temporaryReference, String sex, AgeCategory ageCategory,
                  List<String> citizenship, List<String> languages, List<String> immediateNeeds,
                  Map<String, IndicatorAnswer> rapidAnswers) {
    }

    record Group(UUID situationId, String detectingSector, Instant screenedAt, String organisationId,
                 List<Person> persons) {
    }

    enum Outcome {
        /** Stored now. */
        STORED,
        /** Stored by an earlier request with the same line id. */
        ALREADY_STORED,
        /** Not stored: the line breaks a rule ({@code field}, {@code message}); so nothing of the group is stored. */
        REFUSED,
        /** Not stored because another line was refused. */
        NOT_STORED,
        /** Not stored: the line's id is a case that is not this line's; send the line with a new id. */
        ID_IN_USE,
        /** Not stored: the store failed; send the group again, the stored lines are not stored twice. */
        FAILED
    }

    record Line(int index, UUID caseId, Outcome outcome, String field, String message) {

        boolean stored() {
            return outcome == Outcome.STORED || outcome == Outcome.ALREADY_STORED;
        }
    }

    private final CommandGateway commands;
    private final CodeLists codeLists;
    private final IndicatorCatalogue catalogue;
    private final EventStorageEngine events;

    GroupRegistration(CommandGateway commands, CodeLists codeLists, IndicatorCatalogue catalogue,
                      EventStorageEngine events) {
        this.commands = commands;
        this.codeLists = codeLists;
        this.catalogue = catalogue;
        this.events = events;
    }

    /** Each line's outcome, in the group's order; the situation must exist (else AggregateNotFoundException). */
    List<Line> register(Group group) {
        Place place = commands.sendAndWait(new LocateSituation(group.situationId()));
        List<OpenCaseInEmergency> cases = new ArrayList<>();
        List<Line> refused = new ArrayList<>();
        for (int i = 0; i < group.persons().size(); i++) {
            OpenCaseInEmergency command = command(group, place, group.persons().get(i));
            cases.add(command);
            try {
                Case.requireRegistrable(command, codeLists, catalogue);
            } catch (RuleViolation violation) {
                refused.add(new Line(i, command.caseId(), Outcome.REFUSED, "persons[" + i + "]"
                        + (violation.field() == null ? "" : "." + field(violation.field())), violation.getMessage()));
            }
        }
        if (!refused.isEmpty()) {
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                int index = i;
                lines.add(refused.stream().filter(line -> line.index() == index).findFirst()
                        .orElse(new Line(i, cases.get(i).caseId(), Outcome.NOT_STORED, null,
                                "not stored: another person of the group was refused")));
            }
            return lines;
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            lines.add(store(i, cases.get(i)));
        }
        return lines;
    }

    private Line store(int index, OpenCaseInEmergency command) {
        try {
            commands.sendAndWait(command);
            return new Line(index, command.caseId(), Outcome.STORED, null, null);
        } catch (AggregateStreamCreationException | ConcurrencyException idAlreadyUsed) {
            return registeredBefore(command)
                    ? new Line(index, command.caseId(), Outcome.ALREADY_STORED, null, null)
                    : new Line(index, command.caseId(), Outcome.ID_IN_USE, "persons[" + index + "].caseId",
                    "case id " + command.caseId() + " is already used by another case; choose a new id");
        } catch (RuntimeException storeFailed) {
            return new Line(index, command.caseId(), Outcome.FAILED, null,
                    "not stored (" + storeFailed.getClass().getSimpleName() + "); send the group again");
        }
    }

    /** Whether the case was opened by this same line before: linked to this situation by this organisation. */
    private boolean registeredBefore(OpenCaseInEmergency command) {
        List<? extends DomainEventMessage<?>> stored = events.readEvents(command.caseId().toString(), 0)
                .asStream().limit(2).toList();
        return stored.size() == 2
                && stored.get(1).getPayload() instanceof CaseRegisteredInEmergency link
                && link.situationId().equals(command.situationId())
                && command.opening().openingOrganisationId().equals(
                ((CaseOpened) stored.get(0).getPayload())
                        .openingOrganisationId());
    }

    /** The request's name of a field the case's rules name by the command's. */
    private static String field(String field) {
        return field.replaceFirst("^dataSubject\\.", "").replaceFirst("^answers", "rapidAnswers");
    }

    private static OpenCaseInEmergency command(Group group, Place place, Person person) {
        UUID caseId = person.caseId() != null ? person.caseId() : UUID.randomUUID();
        OpenCase opening = new OpenCase(caseId, group.detectingSector(), group.screenedAt(),
                new ScreeningLocation(place.country(), place.municipality(), null),
                new DataSubject(null, null, null, person.ageCategory(), person.sex(),
                        orEmpty(person.citizenship())), group.organisationId());
        // the assessment's id follows from the case's, so a repeated line is the same assessment
        UUID assessmentId = UUID.nameUUIDFromBytes(("rapid-assessment:" + caseId).getBytes());
        return new OpenCaseInEmergency(caseId, opening, group.situationId(), person.temporaryReference(),
                orEmpty(person.languages()), orEmpty(person.immediateNeeds()), assessmentId,
                person.rapidAnswers() == null ? Map.of() : Map.copyOf(person.rapidAnswers()));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
