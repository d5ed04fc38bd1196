package org.nrmplatform.contracts.approvals;

import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What happened to a step held for approval: requested (the step itself, {@code request}, sealed with the case's
 * key, as the requester sent it), then approved or rejected by another person of {@code organisationId} with the
 * approver role. An approved step is carried out at once as its requester's; should the case's rules refuse it
 * then, {@link ApprovedActionRefused} says why and the case is unchanged. Who requested and who decided is in
 * each event's metadata.
 */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    /** {@code request}: the step's fields as JSON text; {@code organisationId}: the requester's, whose approvers decide. */
    @Revision("1")
    public record ApprovalRequested(UUID approvalId, UUID caseId, ApprovedAction action, Sealed request,
                                    String organisationId) {
    }

    /** Approved; the step was carried out in the same write, unless {@link ApprovedActionRefused} follows. */
    @Revision("1")
    public record ApprovalGranted(UUID approvalId, UUID caseId, ApprovedAction action) {
    }

    /** The approver said no; {@code reason} (sealed) says why. The step was never carried out. */
    @Revision("1")
    public record ApprovalRejected(UUID approvalId, UUID caseId, ApprovedAction action, Sealed reason) {
    }

    /** Approved, but the case's rules refused the step when it was carried out ({@code reason}, the rule's words). */
    @Revision("1")
    public record ApprovedActionRefused(UUID approvalId, UUID caseId, ApprovedAction action, String reason) {
    }

    /** The requester took the request back before anyone decided on it; the step is never carried out. */
    @Revision("1")
    public record ApprovalWithdrawn(UUID approvalId, UUID caseId, ApprovedAction action) {
    }
}
