package org.nrmplatform.contracts.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What happened to a case, in order; the record every view, history and export derives from. Personal data
 * of the data subject is {@link Sealed} with the case's key (see
 * {@link org.nrmplatform.contracts.privacy.PersonalField}); after {@link SubjectErased} nothing opens it.
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    @Revision("1")
    public record CaseOpened(UUID caseId, String detectingSector, Instant screenedAt, ScreeningLocation location,
                             SealedDataSubject dataSubject, String openingOrganisationId) {
    }

    /**
     * The case was opened in a rapid registration of a group found together in an emergency situation: what was
     * recordable on site besides the opening. {@code temporaryReference}: the number the professionals gave the
     * person there (a wristband, a list's line), sealed as it points to one person; {@code languages}: ISO 639-1
     * codes of the languages the person speaks; {@code immediateNeeds}: code list {@code immediate-need}.
     */
    @Revision("1")
    public record CaseRegisteredInEmergency(UUID caseId, UUID situationId, Sealed temporaryReference,
                                            List<String> languages, List<String> immediateNeeds) {
    }

    @Revision("1")
    public record IndicatorAssessmentRecorded(UUID caseId, UUID assessmentId, String indicatorSetId,
                                              Map<String, IndicatorAnswer> answers, Instant assessedAt,
                                              AssessmentResult result) {
    }

    @Revision("1")
    public record PresumedVictimFlagged(UUID caseId, Sealed grounds, String responsibleOrganisationId) {
    }

    @Revision("1")
    public record IdentificationDecided(UUID caseId, IdentificationOutcome outcome, Sealed reasons,
                                        List<String> typesOfExploitation, List<String> methodsOfControl) {
    }

    @Revision("1")
    public record GuardianAppointed(UUID caseId, Sealed guardianName, String guardianOrganisation,
                                    LocalDate appointedOn) {
    }

    /** {@code serviceTypes} empty means consent to every service of the purposes given. */
    @Revision("1")
    public record ConsentGiven(UUID caseId, UUID consentId, ConsentGiver givenBy, List<String> purposes,
                               List<String> serviceTypes, String recipientOrganisationId, Sealed note) {
    }

    @Revision("1")
    public record ConsentWithdrawn(UUID caseId, UUID consentId, Sealed note) {
    }

    @Revision("1")
    public record ReflectionPeriodStarted(UUID caseId, LocalDate startDate, LocalDate legalEndDate,
                                          String legalBasis) {
    }

    @Revision("1")
    public record CaseClosed(UUID caseId, String reason, Sealed note, CaseStage finalStage) {
    }

    /**
     * A warning that everyone who sees the case must see (a safety risk, not to be contacted at home, ...):
     * {@code category} from the code list flag-category, {@code reason} sealed (it tells about the person);
     * {@code raisedByOrganisationId} is whom to ask about it. Stays until {@link CaseFlagLifted}.
     */
    @Revision("1")
    public record CaseFlagRaised(UUID caseId, UUID flagId, String category, Sealed reason,
                                 String raisedByOrganisationId) {
    }

    /** The flag no longer applies; {@code reason} (sealed) says why. */
    @Revision("1")
    public record CaseFlagLifted(UUID caseId, UUID flagId, Sealed reason) {
    }

    /**
     * The person of this case and of {@code otherCaseId} is the same: a possible match of the blind index
     * (README, "The same person across agencies") confirmed on case {@code decidedOnCaseId}. Recorded on both
     * cases, naming only the other case's id; who decided is in the event's metadata.
     */
    @Revision("1")
    public record SamePersonLinked(UUID caseId, UUID otherCaseId, UUID decidedOnCaseId) {
    }

    /** A possible match with {@code otherCaseId} is not the same person, decided on {@code decidedOnCaseId}; on both cases. */
    @Revision("1")
    public record PossibleMatchDismissed(UUID caseId, UUID otherCaseId, UUID decidedOnCaseId) {
    }

    /**
     * The data subject's personal data was erased on {@code legalBasis}: the case's key is destroyed
     * after this event is stored, so every sealed value of the case (and of its referrals) opens as erased.
     * Who erased it is in the event's metadata.
     */
    @Revision("1")
    public record SubjectErased(UUID caseId, LegalBasis legalBasis) {
    }

    /**
     * The case's retention period ended: {@code rule} kept it for {@code period} (after its closure, or after its
     * last proceedings ended), which ended on {@code dueOn}. Recorded by the retention schedule right before the
     * {@link SubjectErased} it leads to, whose legal basis names the same rule.
     */
    @Revision("1")
    public record RetentionPeriodEnded(UUID caseId, RetentionRule rule, Period period, LocalDate dueOn) {
    }
}
