package org.nrmplatform.caseservice.approvals;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.ApprovalDecided;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.GrantApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RecordRefusalElsewhere;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RejectApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RequestApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.WithdrawApproval;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalGranted;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRejected;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRequested;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalWithdrawn;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovedActionRefused;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;

/**
 * A step on a case held for a second person's approval. Only a person with the approver role in the requesting
 * organisation decides, and never on their own request. Approving carries the step out at once, as its
 * requester's and by the case's rules as they are then ({@link HeldSteps}); the step's events and the approval's
 * are stored in one write. A refusal by the case's rules is recorded here and leaves the case unchanged.
 */
@Aggregate
public class Approval {

    @AggregateIdentifier
    private UUID approvalId;
    private UUID caseId;
    private ApprovedAction action;
    private Sealed request;
    private String organisationId;
    /** Who asked, from the request's metadata: the step is carried out as theirs. */
    private Actor requester;
    private ApprovalStatus status;

    protected Approval() {
        // required by Axon to rebuild the approval from its events
    }

    @CommandHandler
    public Approval(RequestApproval command, PersonalData personalData, MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData)
                .orElseThrow(() -> new IllegalStateException("a request for approval is sent by an actor"));
        apply(new ApprovalRequested(command.approvalId(), command.caseId(), command.action(),
                personalData.seal(command.caseId(), PersonalField.APPROVAL_REQUEST, command.request()),
                actor.organisationId()));
    }

    @CommandHandler
    public ApprovalDecided handle(GrantApproval command, HeldSteps steps, PersonalData personalData,
                                  MetaData metaData) {
        requireDecidableBy(metaData);
        apply(new ApprovalGranted(approvalId, caseId, action));
        String held = personalData.reading().open(request, PersonalField.APPROVAL_REQUEST);
        Optional<String> refusal = held == null
                ? Optional.of("the case's personal data was erased since the request, and the request's with it")
                : steps.carryOut(caseId, action, held, requester);
        refusal.ifPresent(reason -> apply(new ApprovedActionRefused(approvalId, caseId, action, reason)));
        return decided(refusal.orElse(null));
    }

    @CommandHandler
    public ApprovalDecided handle(RejectApproval command, PersonalData personalData, MetaData metaData) {
        requireDecidableBy(metaData);
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolation.ruleNotMet("reason", "say why, for the person who asked");
        }
        apply(new ApprovalRejected(approvalId, caseId, action,
                personalData.seal(caseId, PersonalField.APPROVAL_REJECTION_REASON, command.reason())));
        return decided(null);
    }

    /** Only who asked takes a request back (a person, or the API client that asked), and only while it waits. */
    @CommandHandler
    public ApprovalDecided handle(WithdrawApproval command, MetaData metaData) {
        Actor caller = Actor.fromMetadata(metaData).orElse(null);
        if (caller == null || !organisationId.equals(caller.organisationId())) {
            throw new AggregateNotFoundException(approvalId.toString(), "No approval " + approvalId);
        }
        if (!requestedBy(caller)) {
            throw RuleViolation.stateDoesNotAllow("only who requested this step withdraws it");
        }
        if (status != ApprovalStatus.PENDING) {
            throw RuleViolation.stateDoesNotAllow("this approval was decided already: " + status);
        }
        apply(new ApprovalWithdrawn(approvalId, caseId, action));
        return decided(null);
    }

    /** Recorded once, and only on an approval carried out elsewhere; a repeated report changes nothing. */
    @CommandHandler
    public void handle(RecordRefusalElsewhere command) {
        if (status == ApprovalStatus.EXECUTED && action == ApprovedAction.TRANSNATIONAL_REFERRAL) {
            apply(new ApprovedActionRefused(approvalId, caseId, action, command.reason()));
        }
    }

    private boolean requestedBy(Actor caller) {
        if (requester == null) {
            return false;
        }
        return requester.userId() != null ? requester.userId().equals(caller.userId())
                : caller.userId() == null && requester.clientId() != null
                        && requester.clientId().equals(caller.clientId());
    }

    /**
     * An approval of another organisation, or asked about by someone who is not an approver, does not exist for
     * them (404, as a case out of scope); a system, the requester and a decided approval are refused.
     */
    private void requireDecidableBy(MetaData metaData) {
        Actor approver = Actor.fromMetadata(metaData).orElse(null);
        if (approver == null || !approver.has(Role.APPROVER) || !organisationId.equals(approver.organisationId())) {
            throw new AggregateNotFoundException(approvalId.toString(), "No approval " + approvalId);
        }
        if (approver.userId() == null) {
            throw RuleViolation.stateDoesNotAllow("approvals are given by a person signed in with the approver "
                    + "role, never by an API client");
        }
        if (status != ApprovalStatus.PENDING) {
            throw RuleViolation.stateDoesNotAllow("this approval was decided already: " + status);
        }
        if (requester != null && approver.userId().equals(requester.userId())) {
            throw RuleViolation.stateDoesNotAllow("you requested this step yourself: another approver of your "
                    + "organisation decides on it");
        }
    }

    private ApprovalDecided decided(String refusal) {
        return new ApprovalDecided(approvalId, caseId, action, status, refusal);
    }

    @EventSourcingHandler
    void on(ApprovalRequested event, MetaData metaData) {
        approvalId = event.approvalId();
        caseId = event.caseId();
        action = event.action();
        request = event.request();
        organisationId = event.organisationId();
        requester = Actor.fromMetadata(metaData).orElse(null);
        status = ApprovalStatus.PENDING;
    }

    @EventSourcingHandler
    void on(ApprovalGranted event) {
        status = ApprovalStatus.EXECUTED;
    }

    @EventSourcingHandler
    void on(ApprovedActionRefused event) {
        status = ApprovalStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(ApprovalRejected event) {
        status = ApprovalStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ApprovalWithdrawn event) {
        status = ApprovalStatus.WITHDRAWN;
    }
}
