package org.nrmplatform.contracts.referrals;

/** Why the platform, not a person, ended a referral. */
public enum CancellationReason {
    /** The data subject withdrew the consent that covered the referral, and no other consent covers it. */
    CONSENT_WITHDRAWN
}
