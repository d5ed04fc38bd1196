package org.nrmplatform.caseservice.approvals;

/** Where a held step stands. */
public enum ApprovalStatus {
    /** Waiting for an approver of the requesting organisation. */
    PENDING,
    /** Approved and carried out. */
    EXECUTED,
    /** Approved, but the case's rules refused the step when it was carried out; the case is unchanged. */
    REFUSED,
    /** Rejected by an approver, with a reason; never carried out. */
    REJECTED,
    /** Taken back by its requester before anyone decided; never carried out. */
    WITHDRAWN
}
