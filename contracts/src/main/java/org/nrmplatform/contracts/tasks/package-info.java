/**
 * The messages of tasks: work one organisation owes on a case, by a due date, which referral-service records
 * (its commands are beside it) and whose reminder and escalation its deadline scheduler fires. Every task event
 * names its {@code taskId}, its {@code caseId} and the organisation that owes it. Events are the permanent record:
 * change them only by adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.tasks;
