package org.nrmplatform.contracts.providers;

import org.axonframework.serialization.Revision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What happened to a service provider's standards and capacity. Dates are days (the provider's licence is valid
 * through {@code expiresOn}; a corrective action is due on {@code dueOn}).
 */
public final class ProviderEvents {

    private ProviderEvents() {
    }

    /** The stream of a provider's standards and capacity, beside the organisation's own stream in identity-service. */
    public static String streamOf(UUID organisationId) {
        return "provider-" + organisationId;
    }

    /** A service the organisation offers, where and how much of it: the complete value, replacing an earlier one. */
    @Revision("1")
    public record ServiceCapacityRecorded(UUID organisationId, String serviceType, String region, int places,
                                          int staff) {
    }

    /** A licence or accreditation; recorded again with the same id, it is renewed (a new expiry). */
    @Revision("1")
    public record LicenceRecorded(UUID organisationId, UUID licenceId, LicenceKind kind, String reference,
                                  String issuedBy, LocalDate expiresOn) {
    }

    /** The platform's alert that a licence expires soon (or has expired), once per expiry date. */
    @Revision("1")
    public record LicenceExpiryAlerted(UUID organisationId, UUID licenceId, LocalDate expiresOn) {
    }

    /**
     * A monitoring visit, assessed against a version of the minimum service standards, with a finding per item
     * looked at.
     */
    @Revision("1")
    public record MonitoringVisitRecorded(UUID organisationId, UUID visitId, LocalDate visitedOn,
                                          String standardsId, int standardsVersion, List<Finding> findings) {
    }

    /** One item of the standards as a visit found it; the note is optional. */
    public record Finding(String item, FindingRating rating, String note) {
    }

    /** What the provider must put right after a visit's finding on an item, by a day. */
    @Revision("1")
    public record CorrectiveActionRaised(UUID organisationId, UUID actionId, UUID visitId, String item,
                                         String description, LocalDate dueOn) {
    }

    /** The corrective action was carried out (recorded by the provider itself or by the monitor). */
    @Revision("1")
    public record CorrectiveActionDone(UUID organisationId, UUID actionId, String note) {
    }

    /** Public funding the provider received for a period, from a funder (a ministry, a municipality, a donor). */
    @Revision("1")
    public record FundingRecorded(UUID organisationId, UUID fundingId, BigDecimal amount, String currency,
                                  LocalDate periodFrom, LocalDate periodTo, String funder) {
    }
}
