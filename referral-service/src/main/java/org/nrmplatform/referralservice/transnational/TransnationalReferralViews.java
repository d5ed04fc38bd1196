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
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAccepted;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcceptedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcknowledged;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcknowledgedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralDeclined;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralDeclinedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralReceived;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralSent;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Direction;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Status;
import org.nrmplatform.shared.security.Actor;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A transnational referral as its events tell it, read straight from its stream (always current, one read
 * per call). The sending organisation's first-line professionals and case managers see an outgoing one; the
 * installation's case managers see an incoming one. To anyone else it does not exist.
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
                                     Packet.Body disclosed, List<Step> steps) {
    }

    private record Read(TransnationalReferralView view, List<JsonNode> issued) {
    }

    private final EventStore eventStore;

    TransnationalReferralViews(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    TransnationalReferralView find(UUID id, Actor actor) {
        return read(id, actor).view();
    }

    /** The packets this installation issued for the referral, signed, to be carried to the peer. */
    List<JsonNode> packets(UUID id, Actor actor) {
        return read(id, actor).issued();
    }

    private Read read(UUID id, Actor actor) {
        DomainEventStream stream = eventStore.readEvents(id.toString());
        if (!stream.hasNext()) {
            throw notFound(id);
        }
        DomainEventMessage<?> first = stream.next();
        List<Step> steps = new ArrayList<>();
        List<JsonNode> issued = new ArrayList<>();
        TransnationalReferralView view;
        if (first.getPayload() instanceof TransnationalReferralSent sent) {
            if (!(actor.has(Role.CASE_MANAGER) || actor.has(Role.FIRST_LINE))
                    || !actor.organisationId().equals(sent.referringOrganisationId())) {
                throw notFound(id);
            }
            view = new TransnationalReferralView(id, Direction.OUTGOING, sent.caseId(), sent.peerInstallationId(),
                    Status.SENT, false, sent.serviceType(), sent.urgency(), sent.respondBy(), sent.consentId(), null,
                    steps);
            steps.add(new Step("SENT", first.getTimestamp(), sent.packetId(), null, null));
            issued.add(Packet.JSON.readTree(sent.packet()));
        } else if (first.getPayload() instanceof TransnationalReferralReceived received) {
            if (!actor.has(Role.CASE_MANAGER)) {
                throw notFound(id);
            }
            view = new TransnationalReferralView(id, Direction.INCOMING, null, received.peerInstallationId(),
                    Status.RECEIVED, false, received.serviceType(), received.urgency(), received.respondBy(), null,
                    Packet.read(received.packet()).body(), steps);
            steps.add(new Step("RECEIVED", first.getTimestamp(), received.packetId(), null, null));
        } else {
            throw notFound(id);
        }
        Status status = view.status();
        boolean acknowledged = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Instant at = event.getTimestamp();
            Object payload = event.getPayload();
            if (payload instanceof TransnationalReferralAcknowledged e) {
                acknowledged = true;
                steps.add(new Step("ACKNOWLEDGED", at, e.packetId(), null, null));
                issued.add(Packet.JSON.readTree(e.packet()));
            } else if (payload instanceof TransnationalReferralAccepted e) {
                status = Status.ACCEPTED;
                steps.add(new Step("ACCEPTED", at, e.packetId(), null, e.note()));
                issued.add(Packet.JSON.readTree(e.packet()));
            } else if (payload instanceof TransnationalReferralDeclined e) {
                status = Status.DECLINED;
                steps.add(new Step("DECLINED", at, e.packetId(), e.reason(), e.note()));
                issued.add(Packet.JSON.readTree(e.packet()));
            } else if (payload instanceof TransnationalReferralAcknowledgedByPeer e) {
                acknowledged = true;
                steps.add(new Step("ACKNOWLEDGED_BY_PEER", at, e.packetId(), null, null));
            } else if (payload instanceof TransnationalReferralAcceptedByPeer e) {
                status = Status.ACCEPTED;
                steps.add(new Step("ACCEPTED_BY_PEER", at, e.packetId(), null, e.note()));
            } else if (payload instanceof TransnationalReferralDeclinedByPeer e) {
                status = Status.DECLINED;
                steps.add(new Step("DECLINED_BY_PEER", at, e.packetId(), e.reason(), e.note()));
            }
        }
        return new Read(new TransnationalReferralView(id, view.direction(), view.caseId(), view.peerInstallationId(),
                status, acknowledged, view.serviceType(), view.urgency(), view.respondBy(), view.consentId(),
                view.disclosed(), List.copyOf(steps)), List.copyOf(issued));
    }

    private static AggregateNotFoundException notFound(UUID id) {
        return new AggregateNotFoundException(id.toString(), "No transnational referral " + id);
    }
}
