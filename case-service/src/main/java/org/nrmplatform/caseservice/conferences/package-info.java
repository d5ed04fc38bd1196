/**
 * Case conferences: multi-agency meetings on a case, each a record of its own ({@link Conference}) whose action
 * items referral-service makes tasks; read by the organisations working the case and those at the table
 * ({@link ConferenceList}). docs/architecture.md, decision 42.
 */
package org.nrmplatform.caseservice.conferences;
