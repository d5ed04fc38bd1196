package org.nrmplatform.caseservice.statistics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nrmplatform.contracts.cases.CaseStage;
import org.springframework.data.annotation.Id;

/**
 * What the performance indicators keep of one case, or of one transnational referral received from another NRM
 * ({@code incoming}: it has no case here). Anonymised as {@link CaseFacts} are: codes, dates and the municipality
 * of screening (for the region), no names, no free text, no organisation; keys are one-way hashes. Dates of a day
 * (a guardian's appointment, a reflection period) are kept as the start of that day in UTC.
 *
 * @param presumedVictimFlaggedAt  when the case was first flagged as a presumed victim
 * @param identified               the identification decision's outcome: true identified, false not, null undecided
 * @param servicesReceived         the service types of which at least one assistance step was recorded
 * @param legalBasisRecordedAt     when a prosecutor's office first recorded a legal basis (proceedings) for the case
 * @param referrals                national referrals, keyed by a hash of the referral id
 * @param transnationalReferrals   transnational referrals sent for the case, keyed by a hash of their id
 * @param identifiedAgainAt        when the case's person was first linked as the same person as an earlier case
 *                                 that was closed by then (re-trafficking); null when not
 * @param feedback                 the person's feedback given on the case, keyed by a hash of its id: when, and
 *                                 the answer codes (opened when counted; none once the case was erased)
 */
record IndicatorFacts(@Id String key, Boolean incoming, CaseStage stage, String sex, String ageBand,
                      String ageCategory, List<String> citizenship, List<String> typesOfExploitation,
                      String detectingSector, String municipality, Instant screenedAt,
                      Instant presumedVictimFlaggedAt, Instant identificationDecidedAt, Boolean identified,
                      Instant reflectionPeriodStart, Instant reflectionPeriodEnd, Instant guardianAppointedOn,
                      String closureReason, Instant closedAt, List<String> servicesReceived,
                      Instant legalBasisRecordedAt, Map<String, Referral> referrals,
                      Map<String, TransnationalReferral> transnationalReferrals, Instant receivedAt,
                      String serviceType, Instant identifiedAgainAt, Map<String, FeedbackGiven> feedback) {

    static final String COLLECTION = "case_indicators";

    /**
     * @param accepted true accepted, false declined, null not answered (yet)
     */
    record Referral(Instant requestedAt, Instant respondBy, String serviceType, Instant answeredAt,
                    Boolean accepted, Instant completedAt) {
    }

    record TransnationalReferral(Instant sentAt, String serviceType) {
    }

    /** {@code answers}: question code to answer code. */
    record FeedbackGiven(Instant givenAt, Map<String, String> answers) {

        Map<String, String> answersOrNone() {
            return answers == null ? Map.of() : answers;
        }
    }

    /** A case whose opening has been seen (not only events of other streams that arrived first). */
    boolean opened() {
        return !Boolean.TRUE.equals(incoming) && screenedAt != null && stage != null;
    }

    List<String> servicesReceivedOrNone() {
        return servicesReceived == null ? List.of() : servicesReceived;
    }

    Map<String, Referral> referralsOrNone() {
        return referrals == null ? Map.of() : referrals;
    }

    Map<String, FeedbackGiven> feedbackOrNone() {
        return feedback == null ? Map.of() : feedback;
    }

    Map<String, TransnationalReferral> transnationalReferralsOrNone() {
        return transnationalReferrals == null ? Map.of() : transnationalReferrals;
    }
}
