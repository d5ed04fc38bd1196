package org.nrmplatform.contracts.transnational;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.contracts.referrals.Urgency;

/**
 * What happened to a transnational referral. {@code transnationalReferralId} is the same on both
 * installations; {@code peerInstallationId} is the other NRM; {@code packetId} and {@code packet} are the
 * signed packet this installation sent or imported with the step. Packets that carry what is known of the person
 * and notes are sealed: on the sending side with the case's key, on the receiving side with the key of the
 * incoming referral (its id is the data subject's id there).
 */
public final class TransnationalEvents {

    private TransnationalEvents() {
    }

    /** Sending side: the referral left as a signed packet, under the consent {@code consentId}. */
    @Revision("1")
    public record TransnationalReferralSent(UUID transnationalReferralId, UUID caseId, String referringOrganisationId,
                                            String peerInstallationId, UUID consentId, String serviceType,
                                            Urgency urgency, Instant respondBy, UUID packetId, Sealed packet) {
    }

    /**
     * Sending side: the referral waits for a second person's approval ({@code approvalId}, recorded by case-service
     * from this event) and nothing is sent yet; {@code request} is what was asked (JSON), sealed with the case's key.
     */
    @Revision("1")
    public record TransnationalReferralHeld(UUID transnationalReferralId, UUID caseId, UUID approvalId,
                                            String referringOrganisationId, String peerInstallationId,
                                            String serviceType, Urgency urgency, Instant respondBy,
                                            Sealed request) {
    }

    /**
     * Sending side: a held referral that will never be sent: its approval was rejected or withdrawn, or the rules
     * refused it when it was approved ({@code reason}, in words).
     */
    @Revision("1")
    public record TransnationalReferralNotSent(UUID transnationalReferralId, UUID caseId, UUID approvalId,
                                               String reason) {
    }

    /** Receiving side: a verified referral packet imported by {@code importingOrganisationId}. */
    @Revision("1")
    public record TransnationalReferralReceived(UUID transnationalReferralId, String peerInstallationId,
                                                String importingOrganisationId, String serviceType, Urgency urgency,
                                                Instant respondBy, UUID packetId, Sealed packet) {
    }

    /** Receiving side: the acknowledgement packet issued on import, to travel back to the sender. */
    @Revision("1")
    public record TransnationalReferralAcknowledged(UUID transnationalReferralId, String peerInstallationId,
                                                    Instant receivedAt, UUID packetId, String packet) {
    }

    /** Receiving side: this NRM accepted the referral; the acceptance packet travels back. */
    @Revision("1")
    public record TransnationalReferralAccepted(UUID transnationalReferralId, String peerInstallationId,
                                                Sealed note, UUID packetId, Sealed packet) {
    }

    /** Receiving side: this NRM declined the referral; the decline packet travels back. */
    @Revision("1")
    public record TransnationalReferralDeclined(UUID transnationalReferralId, String peerInstallationId,
                                                String reason, Sealed note, UUID packetId, Sealed packet) {
    }

    /** Sending side: the receiving NRM's acknowledgement packet was imported. */
    @Revision("1")
    public record TransnationalReferralAcknowledgedByPeer(UUID transnationalReferralId, UUID caseId,
                                                          String peerInstallationId, Instant receivedAt,
                                                          UUID packetId, String packet) {
    }

    /** Sending side: the receiving NRM's acceptance packet was imported. */
    @Revision("1")
    public record TransnationalReferralAcceptedByPeer(UUID transnationalReferralId, UUID caseId,
                                                      String peerInstallationId, Sealed note, UUID packetId,
                                                      Sealed packet) {
    }

    /** Sending side: the receiving NRM's decline packet was imported. */
    @Revision("1")
    public record TransnationalReferralDeclinedByPeer(UUID transnationalReferralId, UUID caseId,
                                                      String peerInstallationId, String reason, Sealed note,
                                                      UUID packetId, Sealed packet) {
    }
}
