/**
 * Four eyes: the steps on a case that the installation holds for a second person's approval
 * ({@link org.nrmplatform.caseservice.approvals.ApprovalProperties}). A held step is checked against the case's
 * rules, then recorded on an {@link org.nrmplatform.caseservice.approvals.Approval} of its own (so the case's
 * version and views do not move); an approver of the requesting organisation approves it, which carries it out as
 * its requester's, rules checked again, or rejects it with a reason.
 */
package org.nrmplatform.caseservice.approvals;
