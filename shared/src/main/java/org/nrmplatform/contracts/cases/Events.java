package org.nrmplatform.contracts.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What happened to a case, in order; the record every view, history and export derives from. */
public final class Events {

    private Events() {
    }

    public record CaseOpened(UUID caseId, String detectingSector, Instant screenedAt, ScreeningLocation location,
                             DataSubject dataSubject, String openingOrganisationId) {
    }

    public record IndicatorAssessmentRecorded(UUID caseId, UUID assessmentId, String indicatorSetId,
                                              Map<String, IndicatorAnswer> answers, Instant assessedAt,
                                              AssessmentResult result) {
    }

    public record PresumedVictimFlagged(UUID caseId, String grounds, String responsibleOrganisationId) {
    }

    public record IdentificationDecided(UUID caseId, IdentificationOutcome outcome, String reasons,
                                        List<String> typesOfExploitation, List<String> methodsOfControl) {
    }

    public record GuardianAppointed(UUID caseId, String guardianName, String guardianOrganisation,
                                    LocalDate appointedOn) {
    }

    /** {@code serviceTypes} empty means consent to every service of the purposes given. */
    public record ConsentGiven(UUID caseId, UUID consentId, ConsentGiver givenBy, List<String> purposes,
                               List<String> serviceTypes, String recipientOrganisationId, String note) {
    }

    public record ConsentWithdrawn(UUID caseId, UUID consentId, String note) {
    }

    public record ReflectionPeriodStarted(UUID caseId, LocalDate startDate, LocalDate legalEndDate,
                                          String legalBasis) {
    }

    public record CaseClosed(UUID caseId, String reason, String note, CaseStage finalStage) {
    }
}
