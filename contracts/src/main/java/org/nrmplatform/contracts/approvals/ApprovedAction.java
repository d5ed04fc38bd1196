package org.nrmplatform.contracts.approvals;

/** The steps an installation may hold for a second person's approval (configuration: nrm.approvals.required). */
public enum ApprovedAction {
    CASE_CLOSURE,
    IDENTIFICATION_DECISION,
    SUBJECT_ERASURE,
    TRANSNATIONAL_REFERRAL
}
