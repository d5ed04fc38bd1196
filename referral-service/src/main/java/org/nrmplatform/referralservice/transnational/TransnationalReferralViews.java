package org.nrmplatform.referralservice.transnational;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.Urgency;
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
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Direction;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Status;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A transnational referral as its events tell it, read straight from its stream (always current, one read
 * per call). The sending organisation's first-line professionals and case managers see an outgoing one; the
 * installation's case managers see an incoming one. To anyone else it does not exist. Sealed packets and notes
 * are opened for the answer; {@code erased}: the data subject was erased, so they are gone.
 */
@Component
class TransnationalReferralViews {

    /** One step, in order; {@code packetId} names the packet sent or imported with it. */
    record Step(String step, Instant at, UUID packetId, String reason, String note) {
    }

    /**
     * {@code disclosed}: for an incoming referral, the body of the referral packet (all the receiving side
     * knows of the person); {@code caseId} and {@code consentId} only on the sending side.
     */
    record TransnationalReferralView(UUID transnationalReferralId, Direction direction, UUID caseId,
                                     String peerInstallationId, Status status, boolean acknowledged,
                                     String serviceType, Urgency urgency, Instant respondBy, UUID consentId,
                                     Packet.Body disclosed, List<Step> steps, boolean erased) {
    }

    private record Read(TransnationalReferralView view, List<JsonNode> issued) {
    }

    private final EventStore eventStore;
    private final PersonalData personalData;
    private final PersonalDataReads reads;

    TransnationalReferralViews(EventStore eventStore, PersonalData personalData, PersonalDataReads reads) {
        this.eventStore = eventStore;
        this.personalData = personalData;
        this.reads = reads;
    }

    TransnationalReferralView find(UUID id, Actor actor) {
        return logged(read(id, actor), "transnational-referral", actor).view();
    }

    /** The packets this installation issued for the referral, signed, to be carried to the peer. */
    List<JsonNode> packets(UUID id, Actor actor) {
        return logged(read(id, actor), "transnational-packets", actor).issued();
    }

    /**
     * An outgoing referral tells of its case's data subject: the read goes into the case's read log. An incoming
     * one has no case here; its reads are not logged (known gap).
     */
    private Read logged(Read read, String view, Actor actor) {
        if (read.view().caseId() != null) {
            reads.record(read.view().caseId(), view, actor);
        }
        return read;
    }

    private Read read(UUID id, Actor actor) {
        DomainEventStream stream = eventStore.readEvents(id.toString());
        if (!stream.hasNext()) {
            throw notFound(id);
        }
        DomainEventMessage<?> first = stream.next();
        List<Step> steps = new ArrayList<>();
        List<JsonNode> issued = new ArrayList<>();
        PersonalData.Reading reading = personalData.reading();
        TransnationalReferralView view;
        if (first.getPayload() instanceof TransnationalReferralHeld held) {
            if (!(actor.has(Role.CASE_MANAGER) || actor.has(Role.FIRST_LINE))
                    || !actor.organisationId().equals(held.referringOrganisationId())) {
                throw notFound(id);
            }
            view = new TransnationalReferralView(id, Direction.OUTGOING, held.caseId(), held.peerInstallationId(),
                    Status.HELD, false, held.serviceType(), held.urgency(), held.respondBy(), null, null, steps,
                    false);
            steps.add(new Step("HELD_FOR_APPROVAL", first.getTimestamp(), null, null, null));
        } else if (first.getPayload() instanceof TransnationalReferralSent sent) {
            if (!(actor.has(Role.CASE_MANAGER) || actor.has(Role.FIRST_LINE))
                    || !actor.organisationId().equals(sent.referringOrganisationId())) {
                throw notFound(id);
            }
            view = new TransnationalReferralView(id, Direction.OUTGOING, sent.caseId(), sent.peerInstallationId(),
                    Status.SENT, false, sent.serviceType(), sent.urgency(), sent.respondBy(), sent.consentId(), null,
                    steps, false);
            steps.add(new Step("SENT", first.getTimestamp(), sent.packetId(), null, null));
            issue(issued, reading.open(sent.packet(), PersonalField.SENT_PACKET));
        } else if (first.getPayload() instanceof TransnationalReferralReceived received) {
            if (!actor.has(Role.CASE_MANAGER)) {
                throw notFound(id);
            }
            String packet = reading.open(received.packet(), PersonalField.RECEIVED_PACKET);
            view = new TransnationalReferralView(id, Direction.INCOMING, null, received.peerInstallationId(),
                    Status.RECEIVED, false, received.serviceType(), received.urgency(), received.respondBy(), null,
                    packet == null ? null : Packet.read(packet).body(), steps, false);
            steps.add(new Step("RECEIVED", first.getTimestamp(), received.packetId(), null, null));
        } else {
            throw notFound(id);
        }
        Status status = view.status();
        UUID consentId = view.consentId();
        boolean acknowledged = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Instant at = event.getTimestamp();
            Object payload = event.getPayload();
            if (payload instanceof TransnationalReferralSent sent) {
                status = Status.SENT;
                consentId = sent.consentId();
                steps.add(new Step("SENT", at, sent.packetId(), null, null));
                issue(issued, reading.open(sent.packet(), PersonalField.SENT_PACKET));
            } else if (payload instanceof TransnationalReferralNotSent e) {
                status = Status.NOT_SENT;
                steps.add(new Step("NOT_SENT", at, null, e.reason(), null));
            } else if (payload instanceof TransnationalReferralAcknowledged e) {
                acknowledged = true;
                steps.add(new Step("ACKNOWLEDGED", at, e.packetId(), null, null));
                issued.add(Packet.JSON.readTree(e.packet()));
            } else if (payload instanceof TransnationalReferralAccepted e) {
                status = Status.ACCEPTED;
                steps.add(new Step("ACCEPTED", at, e.packetId(), null,
                        reading.open(e.note(), PersonalField.TRANSNATIONAL_ACCEPTANCE_NOTE)));
                issue(issued, reading.open(e.packet(), PersonalField.TRANSNATIONAL_ACCEPTANCE_PACKET));
            } else if (payload instanceof TransnationalReferralDeclined e) {
                status = Status.DECLINED;
                steps.add(new Step("DECLINED", at, e.packetId(), e.reason(),
                        reading.open(e.note(), PersonalField.TRANSNATIONAL_DECLINE_NOTE)));
                issue(issued, reading.open(e.packet(), PersonalField.TRANSNATIONAL_DECLINE_PACKET));
            } else if (payload instanceof TransnationalReferralAcknowledgedByPeer e) {
                acknowledged = true;
                steps.add(new Step("ACKNOWLEDGED_BY_PEER", at, e.packetId(), null, null));
            } else if (payload instanceof TransnationalReferralAcceptedByPeer e) {
                status = Status.ACCEPTED;
                steps.add(new Step("ACCEPTED_BY_PEER", at, e.packetId(), null,
                        reading.open(e.note(), PersonalField.PEER_ACCEPTANCE_NOTE)));
            } else if (payload instanceof TransnationalReferralDeclinedByPeer e) {
                status = Status.DECLINED;
                steps.add(new Step("DECLINED_BY_PEER", at, e.packetId(), e.reason(),
                        reading.open(e.note(), PersonalField.PEER_DECLINE_NOTE)));
            }
        }
        return new Read(new TransnationalReferralView(id, view.direction(), view.caseId(), view.peerInstallationId(),
                status, acknowledged, view.serviceType(), view.urgency(), view.respondBy(), consentId,
                view.disclosed(), List.copyOf(steps), reading.erased()), List.copyOf(issued));
    }

    /** A packet issued here, to carry to the peer; one whose subject was erased is gone and is not listed. */
    private static void issue(List<JsonNode> issued, String packet) {
        if (packet != null) {
            issued.add(Packet.JSON.readTree(packet));
        }
    }

    private static AggregateNotFoundException notFound(UUID id) {
        return new AggregateNotFoundException(id.toString(), "No transnational referral " + id);
    }
}
