/**
 * What referral-service knows of cases: a {@link org.nrmplatform.referralservice.knowncases.CaseState} per case
 * (open or closed, who may refer it, the consents in force), kept from case events on the shared stream, never
 * asked of case-service. Referral requests and the consent saga read it through
 * {@link org.nrmplatform.referralservice.knowncases.CaseStates}.
 */
package org.nrmplatform.referralservice.knowncases;
