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

    /** What an approval's decision came to: {@code refusal} says why the case's rules refused an approved step. */
    public record ApprovalDecided(UUID approvalId, UUID caseId, ApprovedAction action, ApprovalStatus status,
                                  String refusal) {
    }
}
