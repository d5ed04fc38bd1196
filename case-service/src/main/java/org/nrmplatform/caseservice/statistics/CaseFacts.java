package org.nrmplatform.caseservice.statistics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nrmplatform.contracts.cases.CaseStage;
import org.springframework.data.annotation.Id;

/**
 * What the statistics keep of one case: anonymised facts only. No names, no date of birth (only the age
 * band it gives), no free text, no organisation; the case id only as a one-way hash, the key that makes a
 * repeated event update the same document.
 *
 * @param referrals referral times, keyed by a hash of the referral id
 * @param emergencySituationId the emergency situation the case was registered in, if any (a situation is about
 *                             no person: its id reveals none)
 */
record CaseFacts(@Id String key, CaseStage stage, Boolean closed, String sex, String ageBand,
                 List<String> typesOfExploitation, List<String> methodsOfControl, List<String> citizenship,
                 String country, String detectingSector, Integer year, Instant screenedAt,
                 Instant identificationDecidedAt, Map<String, ReferralTimes> referrals,
                 String emergencySituationId) {

    static final String COLLECTION = "case_statistics";

    /** When a referral was requested and when the provider accepted or declined it (null until then). */
    record ReferralTimes(Instant requestedAt, Instant answeredAt) {
    }

    /** Whether the case itself has been seen (not only referral events that arrived first). */
    boolean opened() {
        return screenedAt != null && stage != null;
    }
}
