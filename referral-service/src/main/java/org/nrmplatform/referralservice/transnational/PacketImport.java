package org.nrmplatform.referralservice.transnational;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.ReceiveTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.RecordPeerAnswer;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Direction;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.State;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Status;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.web.TimeRange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Imports a packet carried from a peer installation. Nothing is recorded unless the packet is from a
 * configured peer, signed with that peer's key over exactly its content, fresh, addressed to this installation
 * and not imported before; each failure is a problem that names the field at fault (a tampered packet is
 * "signature", a replayed one a 409). The ids of imported packets are kept in {@value #COLLECTION}, whose
 * unique {@code _id} makes a concurrent replay lose.
 */
@Component
class PacketImport {

    static final String COLLECTION = "transnational_imported_packets";
    /** How far a peer's clock may run ahead of this one. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    record ImportedPacket(@Id String packetId, String fromInstallationId, Packet.Type type,
                          String transnationalReferralId, Instant importedAt) {
    }

    private final CommandGateway commands;
    private final MongoTemplate mongo;
    private final Installation installation;
    private final Peers peers;
    private final Duration maxPacketAge;
    private final TimeRange times;
    private final Clock clock;

    PacketImport(CommandGateway commands, MongoTemplate mongo, Installation installation, Peers peers,
                 TransnationalProperties properties, TimeRange times, Clock clock) {
        this.clock = clock;
        this.times = times;
        this.commands = commands;
        this.mongo = mongo;
        this.installation = installation;
        this.peers = peers;
        this.maxPacketAge = properties.maxPacketAge();
    }

    State importPacket(String json, Actor actor) {
        Packet packet = verified(json);
        try {
            mongo.insert(new ImportedPacket(packet.packetId().toString(), packet.from().installationId(),
                    packet.type(), packet.transnationalReferralId().toString(), clock.instant()), COLLECTION);
        } catch (DuplicateKeyException replayed) {
            throw RuleViolation.stateDoesNotAllow("packet " + packet.packetId() + " was imported before");
        }
        try {
            return record(packet, json, actor);
        } catch (RuntimeException refused) {
            // nothing was recorded: the same packet may be imported again once the referral allows it
            mongo.remove(query(where("_id").is(packet.packetId().toString())), COLLECTION);
            throw refused;
        }
    }

    private State record(Packet packet, String json, Actor actor) {
        UUID referralId = packet.transnationalReferralId();
        if (packet.type() == Packet.Type.REFERRAL) {
            try {
                commands.sendAndWait(new ReceiveTransnationalReferral(referralId, actor.organisationId(), packet,
                        json));
            } catch (AggregateStreamCreationException | ConcurrencyException exists) {
                throw RuleViolation.stateDoesNotAllow("transnational referral " + referralId + " already exists here");
            }
            return new State(referralId, Direction.INCOMING, Status.RECEIVED, true);
        }
        try {
            return commands.sendAndWait(new RecordPeerAnswer(referralId, packet, json));
        } catch (AggregateNotFoundException notHere) {
            throw RuleViolation.stateDoesNotAllow("no transnational referral " + referralId + " was sent from this "
                    + "installation; a " + packet.type() + " can only follow one");
        }
    }

    /** The packet, if it passes every check; the order matters: nothing is trusted before the signature. */
    private Packet verified(String json) {
        Packet packet = Packet.read(json); // unreadable: a 400 naming the field (ProblemResponses)
        require(packet.packetId() != null, "packetId");
        require(packet.type() != null, "type");
        require(packet.transnationalReferralId() != null, "transnationalReferralId");
        require(packet.from() != null && packet.from().installationId() != null, "from");
        require(packet.to() != null, "to");
        require(packet.issuedAt() != null, "issuedAt");
        require(packet.keyId() != null, "keyId");
        require(packet.signature() != null, "signature");
        Peers.Peer peer = peers.find(packet.from().installationId())
                .filter(known -> known.country().equals(packet.from().country()))
                .orElseThrow(() -> RuleViolation.ruleNotMet("from", packet.from().installationId() + " ("
                        + packet.from().country() + ") is not a peer installation configured here"));
        if (!peer.keyId().equals(packet.keyId())) {
            throw RuleViolation.ruleNotMet("keyId", "key " + packet.keyId() + " is not the key configured for "
                    + peer.installationId() + "; if the peer rotated its key, configure the new one");
        }
        if (!Packet.signatureVerifies(json, peer.publicKey())) {
            throw RuleViolation.ruleNotMet("signature", "the signature does not verify: the packet was altered "
                    + "after signing or not signed by " + peer.installationId());
        }
        Instant now = clock.instant();
        if (packet.issuedAt().isBefore(now.minus(maxPacketAge))) {
            throw RuleViolation.ruleNotMet("issuedAt", "the packet was issued more than " + maxPacketAge
                    + " ago; ask " + peer.installationId() + " to issue it again");
        }
        if (packet.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw RuleViolation.ruleNotMet("issuedAt", "the packet is issued in the future; check the clocks");
        }
        if (!installation.id().equals(packet.to())) {
            throw RuleViolation.ruleNotMet("to", "the packet is addressed to " + packet.to() + ", not to "
                    + installation.id());
        }
        if (packet.body() != null) {
            requireStorable("body.respondBy", packet.body().respondBy(), true);
            requireStorable("body.receivedAt", packet.body().receivedAt(), false);
        }
        return packet;
    }

    /** A time every view can hold, as for a request of this installation's own callers ({@link TimeRange}). */
    private void requireStorable(String field, Instant value, boolean future) {
        String refusal = value == null ? null : times.refusal(value, future);
        if (refusal != null) {
            throw RuleViolation.ruleNotMet(field, field + " " + refusal);
        }
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw RuleViolation.ruleNotMet(field, "a packet names its " + field);
        }
    }
}
