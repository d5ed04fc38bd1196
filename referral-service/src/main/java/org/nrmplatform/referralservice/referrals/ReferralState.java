package org.nrmplatform.referralservice.referrals;

import java.util.UUID;
import org.nrmplatform.contracts.referrals.ReferralStatus;

/** The answer to a write: the referral's resulting status and version. */
public record ReferralState(UUID referralId, ReferralStatus status, long version) {
}
