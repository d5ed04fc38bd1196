package org.nrmplatform.contracts.referrals;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What happened to a referral. Each event names the referral, its case and the provider organisation (the
 * organisation that may see the case while the referral is active: from {@link ReferralRequested} until
 * {@link ReferralDeclined}, {@link ReferralWithdrawn}, {@link ReferralCancelled} or {@link ReferralCompleted}).
 * Free texts (notes, the withdrawal reason, who delivered a step and its outcome) are sealed with the case's key.
 */
public final class ReferralEvents {

    private ReferralEvents() {
    }

    @Revision("1")
    public record ReferralRequested(UUID referralId, UUID caseId, String referringOrganisationId,
                                    String providerOrganisationId, String serviceType, Urgency urgency,
                                    Instant respondBy, Sealed note, UUID consentId, AgeCategory ageCategory) {
    }

    @Revision("1")
    public record ReferralAccepted(UUID referralId, UUID caseId, String providerOrganisationId, Sealed note) {
    }

    @Revision("1")
    public record ReferralDeclined(UUID referralId, UUID caseId, String providerOrganisationId, String reason,
                                   Sealed note) {
    }

    @Revision("1")
    public record ReferralWithdrawn(UUID referralId, UUID caseId, String providerOrganisationId, Sealed reason) {
    }

    @Revision("1")
    public record AssistanceStepRecorded(UUID referralId, UUID caseId, String providerOrganisationId, UUID stepId,
                                         String serviceType, Instant deliveredAt, Sealed deliveredBy,
                                         Sealed outcome) {
    }

    @Revision("1")
    public record ReferralCompleted(UUID referralId, UUID caseId, String providerOrganisationId, Sealed outcome) {
    }

    @Revision("1")
    public record ReferralCancelled(UUID referralId, UUID caseId, String providerOrganisationId,
                                    CancellationReason reason, UUID consentId) {
    }

    /** The provider neither accepted nor declined by {@code respondBy}. */
    @Revision("1")
    public record ReferralEscalated(UUID referralId, UUID caseId, String referringOrganisationId,
                                    String providerOrganisationId, Instant respondBy) {
    }
}
