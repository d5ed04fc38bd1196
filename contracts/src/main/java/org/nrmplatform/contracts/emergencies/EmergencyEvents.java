package org.nrmplatform.contracts.emergencies;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * What is recorded of an emergency situation itself. Nothing in it is about a person: the description says what
 * happened and where (a raid on a farm, a boat of 40 landed at the port), never who, so it is stored in clear and
 * read by the monitor choosing a situation to count by; the persons found are the cases linked to it.
 */
public final class EmergencyEvents {

    private EmergencyEvents() {
    }

    /**
     * {@code kind}: code list {@code emergency-kind}; {@code country} (ISO 3166-1 alpha-2) and
     * {@code municipality}: where, as a case's screening location says it; {@code recordedByOrganisationId}: the
     * organisation of the professional who registered it.
     */
    @Revision("1")
    public record EmergencySituationRegistered(UUID situationId, String kind, String country, String municipality,
                                               LocalDate startedOn, String recordedByOrganisationId,
                                               String description) {
    }
}
