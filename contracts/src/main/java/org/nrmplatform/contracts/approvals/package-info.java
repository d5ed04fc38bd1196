/**
 * The messages of approvals (four eyes): a step on a case that the installation holds until a second person of
 * the requesting organisation, with the approver role, approves or rejects it. case-service records them on an
 * approval's own stream; every approval event names its {@code approvalId}, its {@code caseId} and the action.
 * Events are the permanent record: change them only by adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.approvals;
