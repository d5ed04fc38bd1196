package org.nrmplatform.referralservice.views;

import java.time.Instant;
import java.util.List;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.contracts.referrals.Urgency;

/**
 * A referral as the referring organisation sees it, kept up to date from the referral's events.
 * {@code version} is the sequence number of the last event applied. {@code ended} says how a referral that is
 * no longer active ended (decline reason, withdrawal reason, outcome, cancellation reason). Stored with its
 * free texts sealed ({@link ReferralViews} opens them); {@code erased}: the case's data subject was erased, so
 * they are null.
 */
public record ReferralView(String id, long version, String caseId, String referringOrganisationId,
                           String providerOrganisationId, String serviceType, Urgency urgency, Instant respondBy,
                           String note, String consentId, AgeCategory ageCategory, ReferralStatus status,
                           Instant requestedAt, Instant answeredAt, Instant escalatedAt, Instant endedAt,
                           String ended, List<Step> steps, Instant lastChangedAt, boolean erased) {

    public static final String COLLECTION = "referral_views";

    public record Step(String stepId, String serviceType, Instant deliveredAt, String deliveredBy, String outcome) {
    }

    /**
     * What the provider needs to know, and no more: not the consent, not whether the referrer escalated it.
     * Screening indicators and the data subject's identity never reach referral-service at all.
     */
    public record ForProvider(String id, String caseId, String referringOrganisationId, String serviceType,
                              Urgency urgency, Instant respondBy, String note, AgeCategory ageCategory,
                              ReferralStatus status, Instant requestedAt, Instant answeredAt, String ended,
                              List<Step> steps, boolean erased) {
    }

    public ForProvider forProvider() {
        return new ForProvider(id, caseId, referringOrganisationId, serviceType, urgency, respondBy, note,
                ageCategory, status, requestedAt, answeredAt, ended, steps, erased);
    }
}
