package org.nrmplatform.referralservice.transnational;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalGranted;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRejected;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalWithdrawn;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralHeld;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.DropHeldTransnationalReferral;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries out the decisions on held transnational referrals. The approval is case-service's record, as for every
 * held step (decision 38): this follows its events in the shared stream. Granted, the referral is sent as its
 * requester's with the rules checked again, or, refused by them, recorded as never sent (case-service then records
 * the refusal on the approval); rejected or withdrawn, it is recorded as never sent. The referral itself sends only
 * for the approval it is held for and only once, so a redelivered event changes nothing. Which referral an approval
 * holds is kept in {@value #COLLECTION}.
 */
@Component
@ProcessingGroup("transnational-approvals")
class ApprovedReferrals {

    static final String COLLECTION = "held_transnational_referrals";

    record HeldReferral(@Id String approvalId, String transnationalReferralId) {
    }

    private final MongoTemplate mongo;
    private final EventStore eventStore;
    private final OutgoingReferrals outgoing;
    private final CommandGateway commands;
    private final PersonalData personalData;

    ApprovedReferrals(MongoTemplate mongo, EventStore eventStore, OutgoingReferrals outgoing, CommandGateway commands,
                      PersonalData personalData) {
        this.mongo = mongo;
        this.eventStore = eventStore;
        this.outgoing = outgoing;
        this.commands = commands;
        this.personalData = personalData;
    }

    @EventHandler
    void on(TransnationalReferralHeld event) {
        mongo.save(new HeldReferral(event.approvalId().toString(), event.transnationalReferralId().toString()),
                COLLECTION);
    }

    @EventHandler
    void on(ApprovalGranted event) {
        if (event.action() != ApprovedAction.TRANSNATIONAL_REFERRAL) {
            return;
        }
        UUID referralId = heldBy(event.approvalId());
        if (referralId == null) {
            return;
        }
        DomainEventMessage<?> first = first(referralId);
        if (!(first.getPayload() instanceof TransnationalReferralHeld held)) {
            return;
        }
        Actor requester = Actor.fromMetadata(first.getMetaData())
                .orElseThrow(() -> new IllegalStateException("a held referral names who asked"));
        String request = personalData.reading().open(held.request(), PersonalField.HELD_TRANSNATIONAL_REQUEST);
        if (request == null) {
            drop(referralId, event.approvalId(), "the case's personal data was erased since the request");
            return;
        }
        try {
            outgoing.sendApproved(request, requester, event.approvalId());
        } catch (RuleViolation refused) {
            drop(referralId, event.approvalId(), refused.getMessage());
        } catch (AggregateNotFoundException outOfScope) {
            drop(referralId, event.approvalId(), "the requester's organisation no longer refers case "
                    + held.caseId());
        }
    }

    @EventHandler
    void on(ApprovalRejected event) {
        if (event.action() == ApprovedAction.TRANSNATIONAL_REFERRAL) {
            drop(heldBy(event.approvalId()), event.approvalId(), "rejected by an approver");
        }
    }

    @EventHandler
    void on(ApprovalWithdrawn event) {
        if (event.action() == ApprovedAction.TRANSNATIONAL_REFERRAL) {
            drop(heldBy(event.approvalId()), event.approvalId(), "withdrawn by its requester");
        }
    }

    @ResetHandler
    void reset() {
        mongo.remove(query(where("_id").exists(true)), COLLECTION);
    }

    private UUID heldBy(UUID approvalId) {
        HeldReferral held = mongo.findById(approvalId.toString(), HeldReferral.class, COLLECTION);
        return held == null ? null : UUID.fromString(held.transnationalReferralId());
    }

    private DomainEventMessage<?> first(UUID referralId) {
        DomainEventStream stream = eventStore.readEvents(referralId.toString());
        return stream.next();
    }

    /** Recorded once: a referral already sent or dropped refuses it, which a redelivery meets and passes. */
    private void drop(UUID referralId, UUID approvalId, String reason) {
        if (referralId == null) {
            return;
        }
        try {
            commands.sendAndWait(new DropHeldTransnationalReferral(referralId, approvalId, reason));
        } catch (RuleViolation alreadyDecided) {
            // sent or dropped by an earlier delivery of the same decision
        }
    }
}
