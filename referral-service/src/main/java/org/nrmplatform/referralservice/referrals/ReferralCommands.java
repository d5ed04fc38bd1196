package org.nrmplatform.referralservice.referrals;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.referrals.CancellationReason;
import org.nrmplatform.contracts.referrals.Urgency;

/** Commands on a referral to a service provider. */
public final class ReferralCommands {

    private ReferralCommands() {
    }

    /**
     * Sent once referral-service has checked the case, the consent and the provider; {@code consentId} is the
     * consent that covers the referral and {@code ageCategory} the data subject's, which the provider needs;
     * {@code planServiceId}: the service of the case's assistance plan it is made of, or null.
     */
    public record RequestReferral(@TargetAggregateIdentifier UUID referralId, UUID caseId,
                                  String referringOrganisationId, String providerOrganisationId,
                                  String serviceType, Urgency urgency, Instant respondBy, String note,
                                  UUID consentId, AgeCategory ageCategory, UUID planServiceId) {
    }

    public record AcceptReferral(@TargetAggregateIdentifier UUID referralId, String note) {
    }

    /** {@code reason}: a code of the {@code decline-reason} code list. */
    public record DeclineReferral(@TargetAggregateIdentifier UUID referralId, String reason, String note) {
    }

    public record WithdrawReferral(@TargetAggregateIdentifier UUID referralId, String reason) {
    }

    /** One assistance step delivered: which service, when, by whom (a name or team) and with what outcome. */
    public record RecordAssistanceStep(@TargetAggregateIdentifier UUID referralId, UUID stepId, String serviceType,
                                       Instant deliveredAt, String deliveredBy, String outcome) {
    }

    public record CompleteReferral(@TargetAggregateIdentifier UUID referralId, String outcome) {
    }

    /** Sent by the platform when the consent that covered the referral is withdrawn and no other covers it. */
    public record CancelReferral(@TargetAggregateIdentifier UUID referralId, CancellationReason reason,
                                 UUID consentId) {
    }

    /** Sent by the platform when the respond-by instant passed; escalating twice records one escalation. */
    public record EscalateReferral(@TargetAggregateIdentifier UUID referralId) {
    }
}
