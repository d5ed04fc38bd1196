package org.nrmplatform.caseservice.approvals;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RecordRefusalElsewhere;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RequestApproval;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralHeld;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralNotSent;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.stereotype.Component;

/**
 * The transnational referrals referral-service holds for approval, recorded as approvals here, so that every held
 * step is listed, decided and shown in one place (decision 38): the approval is requested as the referral's
 * requester's, under the id referral-service answered with, and its decision goes back to referral-service through
 * the approval's events. When referral-service's rules refuse an approved referral, the refusal is recorded on the
 * approval. Each approval is requested once: a redelivered hold finds its stream started.
 */
@Component
@ProcessingGroup("case-held-transnational-referrals")
class HeldTransnationalReferrals {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final PersonalData personalData;

    HeldTransnationalReferrals(CommandGateway commands, EventStore eventStore, PersonalData personalData) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.personalData = personalData;
    }

    @EventHandler
    void on(TransnationalReferralHeld event, MetaData metaData) {
        if (eventStore.lastSequenceNumberFor(event.approvalId().toString()).isPresent()) {
            return;
        }
        Actor requester = Actor.fromMetadata(metaData)
                .orElseThrow(() -> new IllegalStateException("a held referral names who asked"));
        String request = personalData.reading().open(event.request(), PersonalField.HELD_TRANSNATIONAL_REQUEST);
        // erased since: the approval is still recorded (to be rejected or withdrawn), with nothing left to read
        commands.sendAndWait(requester.command(new RequestApproval(event.approvalId(), event.caseId(),
                ApprovedAction.TRANSNATIONAL_REFERRAL, request == null ? "{}" : request)));
    }

    @EventHandler
    void on(TransnationalReferralNotSent event) {
        commands.sendAndWait(new RecordRefusalElsewhere(event.approvalId(), event.reason()));
    }
}
