/**
 * The person's individual assistance plan: needs by domain, goals, the services agreed with the provider responsible
 * and a target date, the person's agreement, reviews on a schedule whose overdue review is escalated, and referrals
 * made of its services. One record per case ({@link AssistancePlan}), read by the case's case managers whole and by
 * the providers responsible for their own services ({@link PlanList}). docs/architecture.md, decision 44.
 */
package org.nrmplatform.caseservice.plans;
