package org.nrmplatform.caseservice.approvals;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.approvals.ApprovedAction;

/** Commands on an approval; who sends them is in their metadata (the requester, the approver). */
public final class ApprovalCommands {

    private ApprovalCommands() {
    }

    /** {@code request}: the held step's command as JSON ({@link HeldSteps}), clear text until the approval seals it. */
    public record RequestApproval(@TargetAggregateIdentifier UUID approvalId, UUID caseId, ApprovedAction action,
                                  String request) {
    }

    public record GrantApproval(@TargetAggregateIdentifier UUID approvalId) {
    }

    public record RejectApproval(@TargetAggregateIdentifier UUID approvalId, String reason) {
    }

    /** Sent by the requester (the same person, or the same API client) while nobody has decided. */
    public record WithdrawApproval(@TargetAggregateIdentifier UUID approvalId) {
    }

    /**
     * An approved step that another service carries out (a transnational referral) was refused by its rules there:
     * {@code reason} in the rule's words.
     */
    public record RecordRefusalElsewhere(@TargetAggregateIdentifier UUID approvalId, String reason) {
    }

    /** What an approval's decision came to: {@code refusal} says why the case's rules refused an approved step. */
    public record ApprovalDecided(UUID approvalId, UUID caseId, ApprovedAction action, ApprovalStatus status,
                                  String refusal) {
    }
}
