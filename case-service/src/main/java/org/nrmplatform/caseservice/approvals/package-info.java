/**
 * Four eyes: the steps on a case that the installation holds for a second person's approval
 * ({@link org.nrmplatform.shared.approvals.ApprovalProperties}). A held step is checked against the case's
 * rules, then recorded on an {@link org.nrmplatform.caseservice.approvals.Approval} of its own (so the case's
 * version and views do not move); an approver of the requesting organisation approves it, which carries it out as
 * its requester's, rules checked again, or rejects it with a reason; the requester may withdraw it meanwhile. A
 * transnational referral is held by referral-service and recorded as an approval here from its event
 * ({@link org.nrmplatform.caseservice.approvals.HeldTransnationalReferrals}); referral-service carries out the decision.
 */
package org.nrmplatform.caseservice.approvals;
