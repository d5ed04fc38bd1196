package org.nrmplatform.referralservice.standards;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A provider's standards and capacity as recorded, one document per organisation in {@value #COLLECTION}, kept from
 * its stream's events; days as ISO dates ({@code 2027-03-31}). {@code version} is the last event's sequence number.
 */
public record ProviderStanding(String id, long version, List<Service> services, List<Licence> licences,
                               List<Visit> visits, List<CorrectiveAction> correctiveActions, List<Funding> funding) {

    public static final String COLLECTION = "provider_standing";

    public record Service(String serviceType, String region, int places, int staff) {
    }

    /** {@code alertedAt}: when the platform alerted that this expiry comes soon; null before. */
    public record Licence(String licenceId, String kind, String reference, String issuedBy, String expiresOn,
                          Instant alertedAt) {
    }

    public record Visit(String visitId, String visitedOn, String standardsId, int standardsVersion,
                        List<Finding> findings, Instant recordedAt) {
    }

    public record Finding(String item, String rating, String note) {
    }

    /** {@code status} OPEN or DONE as recorded; whether an open one is overdue is decided when read. */
    public record CorrectiveAction(String actionId, String visitId, String item, String description, String dueOn,
                                   String status, Instant doneAt, String doneNote) {
    }

    public record Funding(String fundingId, BigDecimal amount, String currency, String periodFrom, String periodTo,
                          String funder) {
    }

    static ProviderStanding empty(String organisationId) {
        return new ProviderStanding(organisationId, -1, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
