package org.nrmplatform.caseservice.emergencies;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an emergency situation; who sends them is in their metadata. */
public final class EmergencyCommands {

    private EmergencyCommands() {
    }

    public record RegisterEmergencySituation(@TargetAggregateIdentifier UUID situationId, String kind, String country,
                                             String municipality, LocalDate startedOn, String description) {
    }

    /**
     * Asked of the situation before its persons are registered: that it exists (else 404); answers where it is, the
     * place its persons' cases are opened at. Records nothing.
     */
    public record LocateSituation(@TargetAggregateIdentifier UUID situationId) {
    }

    /** Where a situation is: a case's screening location in the making. */
    public record Place(String country, String municipality) {
    }
}
