/**
 * The messages of a person's individual assistance plan: the needs assessed with the person by domain, the goals,
 * the services agreed (each with the provider responsible and a target date), the referrals made of them, the
 * person's agreement and the plan's reviews. case-service keeps the plan on a record of its own; referral-service
 * says which referral was made of a planned service. Events are the permanent record: change them only by adding
 * optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.plans;
