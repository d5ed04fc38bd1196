package org.nrmplatform.referralservice.transnational;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAccepted;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcceptedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcknowledged;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcknowledgedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralDeclined;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralDeclinedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralHeld;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralNotSent;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralReceived;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralSent;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.AcceptTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.DeclineTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.DropHeldTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.HoldTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.ReceiveTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.RecordPeerAnswer;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.SendTransnationalReferral;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * A referral between two NRM installations, as one of them records it: OUTGOING on the sending side (sent,
 * then acknowledged, accepted or declined by the peer as its packets are imported), INCOMING on the receiving
 * side (received and at once acknowledged, then accepted or declined here). Every step that leaves this
 * installation is a packet signed here and kept in its event; every step that arrives is a packet verified
 * before the command (see {@link PacketImport}) and kept as it arrived. Packets that tell of the person, and
 * notes, are sealed: on the sending side with the case's key, on the receiving side with a key of the referral
 * itself (the person has no case here).
 */
@Aggregate
public class TransnationalReferral {

    public enum Direction {
        OUTGOING,
        INCOMING
    }

    public enum Status {
        /** OUTGOING: waiting for a second person's approval; nothing was sent. */
        HELD,
        /** OUTGOING: held, then rejected, withdrawn or refused by the rules when approved; never sent. */
        NOT_SENT,
        /** OUTGOING: the packet was issued; the peer has not answered yet. */
        SENT,
        /** INCOMING: imported and acknowledged; this installation has not answered yet. */
        RECEIVED,
        ACCEPTED,
        DECLINED
    }

    /** The referral's state after a command. */
    public record State(UUID transnationalReferralId, Direction direction, Status status, boolean acknowledged) {
    }

    @AggregateIdentifier
    private UUID transnationalReferralId;
    private UUID caseId;
    private Direction direction;
    private String peerInstallationId;
    private Status status;
    private boolean acknowledged;
    private UUID heldFor;

    protected TransnationalReferral() {
        // required by Axon to rebuild the referral from its events
    }

    @CommandHandler
    public TransnationalReferral(HoldTransnationalReferral command, PersonalData personalData, Clock clock) {
        if (!command.respondBy().isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("respondBy", "the respond-by instant must be in the future");
        }
        apply(new TransnationalReferralHeld(command.transnationalReferralId(), command.caseId(), command.approvalId(),
                command.referringOrganisationId(), command.peerInstallationId(), command.serviceType(),
                command.urgency(), command.respondBy(), personalData.seal(command.caseId(),
                        PersonalField.HELD_TRANSNATIONAL_REQUEST, command.request())));
    }

    /**
     * A new referral, or a held one whose approval was granted: sent once. A held referral is sent only for its own
     * approval, so a repeated approval's event, or a second request with its id, sends nothing more.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public State handle(SendTransnationalReferral command, Installation installation, PersonalData personalData,
                        Clock clock) {
        if (status != null && (status != Status.HELD || !heldFor.equals(command.approvalId()))) {
            throw RuleViolation.stateDoesNotAllow("transnational referral " + command.transnationalReferralId()
                    + " exists already: " + status);
        }
        Packet.Body body = command.body();
        if (!body.respondBy().isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("respondBy", "the respond-by instant must be in the future");
        }
        Packet packet = installation.issue(Packet.Type.REFERRAL, command.transnationalReferralId(),
                command.peerInstallationId(), body);
        apply(new TransnationalReferralSent(command.transnationalReferralId(), command.caseId(),
                command.referringOrganisationId(), command.peerInstallationId(), body.consent().consentId(),
                body.serviceType(), body.urgency(), body.respondBy(), packet.packetId(),
                personalData.seal(command.caseId(), PersonalField.SENT_PACKET, packet.json())));
        return state();
    }

    @CommandHandler
    public State handle(DropHeldTransnationalReferral command) {
        if (status != Status.HELD || !heldFor.equals(command.approvalId())) {
            throw RuleViolation.stateDoesNotAllow("transnational referral " + transnationalReferralId
                    + " is not held for approval " + command.approvalId() + ": " + status);
        }
        apply(new TransnationalReferralNotSent(transnationalReferralId, caseId, heldFor, command.reason()));
        return state();
    }

    @CommandHandler
    public TransnationalReferral(ReceiveTransnationalReferral command, Installation installation,
                                 PersonalData personalData, Clock clock) {
        Packet packet = command.packet();
        if (packet.type() != Packet.Type.REFERRAL) {
            throw RuleViolation.ruleNotMet("type", "only a REFERRAL packet starts an incoming referral");
        }
        Packet.Body body = packet.body();
        if (body == null || body.serviceType() == null || body.urgency() == null || body.respondBy() == null
                || body.consent() == null || body.consent().consentId() == null) {
            throw RuleViolation.ruleNotMet("body", "a referral packet names the service, urgency, respond-by "
                    + "and the consent that covers it");
        }
        String peer = packet.from().installationId();
        apply(new TransnationalReferralReceived(packet.transnationalReferralId(), peer,
                command.importingOrganisationId(), body.serviceType(), body.urgency(), body.respondBy(),
                packet.packetId(), personalData.seal(packet.transnationalReferralId(), PersonalField.RECEIVED_PACKET,
                        command.json())));
        Instant receivedAt = clock.instant();
        Packet acknowledgement = installation.issue(Packet.Type.ACKNOWLEDGEMENT, packet.transnationalReferralId(),
                peer, Packet.Body.acknowledgement(receivedAt));
        apply(new TransnationalReferralAcknowledged(packet.transnationalReferralId(), peer, receivedAt,
                acknowledgement.packetId(), acknowledgement.json()));
    }

    @CommandHandler
    public State handle(AcceptTransnationalReferral command, Installation installation, PersonalData personalData) {
        requireUnansweredIncoming("accepted");
        Packet packet = installation.issue(Packet.Type.ACCEPTANCE, transnationalReferralId, peerInstallationId,
                Packet.Body.answer(null, command.note()));
        apply(new TransnationalReferralAccepted(transnationalReferralId, peerInstallationId,
                personalData.seal(transnationalReferralId, PersonalField.TRANSNATIONAL_ACCEPTANCE_NOTE, command.note()),
                packet.packetId(),
                personalData.seal(transnationalReferralId, PersonalField.TRANSNATIONAL_ACCEPTANCE_PACKET,
                        packet.json())));
        return state();
    }

    @CommandHandler
    public State handle(DeclineTransnationalReferral command, Installation installation, CodeLists codeLists,
                        PersonalData personalData) {
        requireUnansweredIncoming("declined");
        codeLists.requireCode("decline-reason", command.reason(), "reason");
        Packet packet = installation.issue(Packet.Type.DECLINE, transnationalReferralId, peerInstallationId,
                Packet.Body.answer(command.reason(), command.note()));
        apply(new TransnationalReferralDeclined(transnationalReferralId, peerInstallationId, command.reason(),
                personalData.seal(transnationalReferralId, PersonalField.TRANSNATIONAL_DECLINE_NOTE, command.note()),
                packet.packetId(),
                personalData.seal(transnationalReferralId, PersonalField.TRANSNATIONAL_DECLINE_PACKET, packet.json())));
        return state();
    }

    /** The peer's answer to a referral sent from here; packets may arrive in any order but each step once. */
    @CommandHandler
    public State handle(RecordPeerAnswer command, PersonalData personalData) {
        Packet packet = command.packet();
        if (direction != Direction.OUTGOING || !packet.from().installationId().equals(peerInstallationId)) {
            throw RuleViolation.stateDoesNotAllow("no transnational referral " + transnationalReferralId + " was sent from "
                    + "this installation to " + packet.from().installationId());
        }
        Packet.Body body = packet.body() == null ? Packet.Body.answer(null, null) : packet.body();
        switch (packet.type()) {
            case ACKNOWLEDGEMENT -> {
                if (acknowledged) {
                    throw RuleViolation.stateDoesNotAllow("transnational referral " + transnationalReferralId
                            + " is already acknowledged");
                }
                apply(new TransnationalReferralAcknowledgedByPeer(transnationalReferralId, caseId,
                        peerInstallationId, body.receivedAt(), packet.packetId(), command.json()));
            }
            case ACCEPTANCE -> {
                requireStatus(Status.SENT, "accepted");
                apply(new TransnationalReferralAcceptedByPeer(transnationalReferralId, caseId, peerInstallationId,
                        personalData.seal(caseId, PersonalField.PEER_ACCEPTANCE_NOTE, body.note()), packet.packetId(),
                        personalData.seal(caseId, PersonalField.PEER_ACCEPTANCE_PACKET, command.json())));
            }
            case DECLINE -> {
                requireStatus(Status.SENT, "declined");
                apply(new TransnationalReferralDeclinedByPeer(transnationalReferralId, caseId, peerInstallationId,
                        body.reason(), personalData.seal(caseId, PersonalField.PEER_DECLINE_NOTE, body.note()),
                        packet.packetId(), personalData.seal(caseId, PersonalField.PEER_DECLINE_PACKET,
                        command.json())));
            }
            case REFERRAL -> throw RuleViolation.stateDoesNotAllow("transnational referral " + transnationalReferralId
                    + " already exists here");
        }
        return state();
    }

    private void requireUnansweredIncoming(String step) {
        if (direction != Direction.INCOMING) {
            throw RuleViolation.stateDoesNotAllow("transnational referral " + transnationalReferralId + " was sent from "
                    + "this installation; only the receiving NRM can answer it");
        }
        requireStatus(Status.RECEIVED, step);
    }

    private void requireStatus(Status required, String step) {
        if (status != required) {
            throw RuleViolation.stateDoesNotAllow("only a " + required.name().toLowerCase() + " transnational referral can "
                    + "be " + step + "; this one is " + status);
        }
    }

    private State state() {
        return new State(transnationalReferralId, direction, status, acknowledged);
    }

    @EventSourcingHandler
    void on(TransnationalReferralHeld event) {
        transnationalReferralId = event.transnationalReferralId();
        caseId = event.caseId();
        direction = Direction.OUTGOING;
        peerInstallationId = event.peerInstallationId();
        status = Status.HELD;
        heldFor = event.approvalId();
    }

    @EventSourcingHandler
    void on(TransnationalReferralNotSent event) {
        status = Status.NOT_SENT;
    }

    @EventSourcingHandler
    void on(TransnationalReferralSent event) {
        transnationalReferralId = event.transnationalReferralId();
        caseId = event.caseId();
        direction = Direction.OUTGOING;
        peerInstallationId = event.peerInstallationId();
        status = Status.SENT;
    }

    @EventSourcingHandler
    void on(TransnationalReferralReceived event) {
        transnationalReferralId = event.transnationalReferralId();
        direction = Direction.INCOMING;
        peerInstallationId = event.peerInstallationId();
        status = Status.RECEIVED;
    }

    @EventSourcingHandler
    void on(TransnationalReferralAcknowledged event) {
        acknowledged = true;
    }

    @EventSourcingHandler
    void on(TransnationalReferralAcknowledgedByPeer event) {
        acknowledged = true;
    }

    @EventSourcingHandler
    void on(TransnationalReferralAccepted event) {
        status = Status.ACCEPTED;
    }

    @EventSourcingHandler
    void on(TransnationalReferralAcceptedByPeer event) {
        status = Status.ACCEPTED;
    }

    @EventSourcingHandler
    void on(TransnationalReferralDeclined event) {
        status = Status.DECLINED;
    }

    @EventSourcingHandler
    void on(TransnationalReferralDeclinedByPeer event) {
        status = Status.DECLINED;
    }
}
