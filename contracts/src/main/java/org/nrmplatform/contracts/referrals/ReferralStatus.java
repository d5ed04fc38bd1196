package org.nrmplatform.contracts.referrals;

import java.util.Set;

/** Where a referral stands. A referral is active (counts towards a provider's load) while requested or accepted. */
public enum ReferralStatus {
    REQUESTED,
    ACCEPTED,
    DECLINED,
    WITHDRAWN,
    CANCELLED,
    COMPLETED;

    public static final Set<ReferralStatus> ACTIVE = Set.of(REQUESTED, ACCEPTED);

    public boolean active() {
        return ACTIVE.contains(this);
    }
}
