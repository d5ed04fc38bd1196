package org.nrmplatform.caseservice.emergencies;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.LocateSituation;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.Place;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.RegisterEmergencySituation;
import org.nrmplatform.contracts.emergencies.EmergencyEvents.EmergencySituationRegistered;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.codelists.Countries;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.security.Actor;

/**
 * A raid, an inspection, a large arrival or a rescue in which persons were found together: its kind, place, start
 * and the organisation that registered it, with a short description of what happened (never of a person: it is
 * stored in clear). Its persons are cases of their own, each linked to it by a case event.
 */
@Aggregate
public class EmergencySituation {

    @AggregateIdentifier
    private UUID situationId;
    private Place place;

    protected EmergencySituation() {
        // required by Axon to rebuild the situation from its events
    }

    @CommandHandler
    public EmergencySituation(RegisterEmergencySituation command, CodeLists codeLists, Clock clock,
                              MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData)
                .orElseThrow(() -> new IllegalStateException("a situation is registered by an actor"));
        codeLists.requireCode("emergency-kind", command.kind(), "kind");
        Countries.require(command.country(), "country");
        if (command.startedOn().isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1))) {
            throw RuleViolation.ruleNotMet("startedOn", "a situation is registered once it has started");
        }
        apply(new EmergencySituationRegistered(command.situationId(), command.kind(), command.country(),
                command.municipality().strip(), command.startedOn(), actor.organisationId(),
                command.description() == null || command.description().isBlank() ? null
                        : command.description().strip()));
    }

    @CommandHandler
    public Place handle(LocateSituation command) {
        return place;
    }

    @EventSourcingHandler
    void on(EmergencySituationRegistered event) {
        situationId = event.situationId();
        place = new Place(event.country(), event.municipality());
    }
}
