/**
 * The messages of referrals to service providers and of transnational referrals: the events referral-service
 * records (its commands are beside it). Every referral event names its {@code referralId} and {@code caseId}, so
 * that a case's history can include them, and the provider organisation whose view of the case it changes.
 * Events are the permanent record: change them only by adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.referrals;
