package org.nrmplatform.referralservice.transnational;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.referrals.Urgency;

/** Commands on a transnational referral; only referral-service sends them, after its checks. */
final class TransnationalCommands {

    private TransnationalCommands() {
    }

    /**
     * Sent once the case, the caller, the consent and the peer are checked; {@code body} is what is disclosed.
     * {@code approvalId}: the approval of a held referral, once granted (null for one never held).
     */
    record SendTransnationalReferral(@TargetAggregateIdentifier UUID transnationalReferralId, UUID caseId,
                                     String referringOrganisationId, String peerInstallationId,
                                     Packet.Body body, UUID approvalId) {
    }

    /** As {@link SendTransnationalReferral}, checked alike, but held for {@code approvalId}; {@code request} as JSON. */
    record HoldTransnationalReferral(@TargetAggregateIdentifier UUID transnationalReferralId, UUID caseId,
                                     UUID approvalId, String referringOrganisationId, String peerInstallationId,
                                     String serviceType, Urgency urgency, Instant respondBy, String request) {
    }

    /** A held referral that will never be sent: its approval was rejected or withdrawn, or the rules refused it. */
    record DropHeldTransnationalReferral(@TargetAggregateIdentifier UUID transnationalReferralId, UUID approvalId,
                                         String reason) {
    }

    /** A verified REFERRAL packet from a peer; {@code json} is the packet as it arrived. */
    record ReceiveTransnationalReferral(@TargetAggregateIdentifier UUID transnationalReferralId,
                                        String importingOrganisationId, Packet packet, String json) {
    }

    /** A verified ACKNOWLEDGEMENT, ACCEPTANCE or DECLINE packet from the peer a referral was sent to. */
    record RecordPeerAnswer(@TargetAggregateIdentifier UUID transnationalReferralId, Packet packet, String json) {
    }

    record AcceptTransnationalReferral(@TargetAggregateIdentifier UUID transnationalReferralId, String note) {
    }

    record DeclineTransnationalReferral(@TargetAggregateIdentifier UUID transnationalReferralId, String reason,
                                        String note) {
    }
}
