/**
 * The messages of case conferences: a multi-agency meeting on a case, which case-service records on a record of
 * its own, and whose action items referral-service turns into tasks. Events are the permanent record: change them
 * only by adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.conferences;
