package org.nrmplatform.referralservice.standards;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.providers.FindingRating;
import org.nrmplatform.contracts.providers.LicenceKind;

/**
 * Commands on a provider's standards and capacity, each addressed to the provider's stream
 * ({@code ProviderEvents.streamOf}). That the organisation is in the directory, and offers the service named, is
 * checked before they are sent.
 */
public final class ServiceProviderCommands {

    private ServiceProviderCommands() {
    }

    public record RecordServiceCapacity(@TargetAggregateIdentifier String providerId, UUID organisationId,
                                        String serviceType, String region, Integer places, Integer staff) {
    }

    public record RecordLicence(@TargetAggregateIdentifier String providerId, UUID organisationId, UUID licenceId,
                                LicenceKind kind, String reference, String issuedBy, LocalDate expiresOn) {
    }

    /** Sent by the deadline scheduler when a licence's alert comes due; void once the licence was renewed. */
    public record WarnOfLicenceExpiry(@TargetAggregateIdentifier String providerId, UUID licenceId,
                                      LocalDate expiresOn) {
    }

    public record RecordMonitoringVisit(@TargetAggregateIdentifier String providerId, UUID organisationId,
                                        UUID visitId, LocalDate visitedOn, Integer standardsVersion,
                                        List<FindingEntry> findings) {
    }

    public record FindingEntry(String item, FindingRating rating, String note) {
    }

    public record RaiseCorrectiveAction(@TargetAggregateIdentifier String providerId, UUID organisationId,
                                        UUID actionId, UUID visitId, String item, String description,
                                        LocalDate dueOn) {
    }

    public record RecordCorrectiveActionDone(@TargetAggregateIdentifier String providerId, UUID actionId,
                                             String note) {
    }

    public record RecordFunding(@TargetAggregateIdentifier String providerId, UUID organisationId, UUID fundingId,
                                BigDecimal amount, String currency, LocalDate periodFrom, LocalDate periodTo,
                                String funder) {
    }
}
