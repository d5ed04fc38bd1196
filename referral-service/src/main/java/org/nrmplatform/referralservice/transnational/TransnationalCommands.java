package org.nrmplatform.referralservice.transnational;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a transnational referral; only referral-service sends them, after its checks. */
final class TransnationalCommands {

    private TransnationalCommands() {
    }

    /** Sent once the case, the caller, the consent and the peer are checked; {@code body} is what is disclosed. */
    record SendTransnationalReferral(@TargetAggregateIdentifier UUID transnationalReferralId, UUID caseId,
                                     String referringOrganisationId, String peerInstallationId,
                                     Packet.Body body) {
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
