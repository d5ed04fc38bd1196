package org.nrmplatform.caseservice.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.nrmplatform.contracts.cases.AssessmentResult;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.ScreeningLocation;

/**
 * A case as the case list and case page show it, kept up to date from the case's events.
 * {@code version} is the sequence number of the last event applied (the case's version for If-Match).
 */
public record CaseView(String id, long version, String openingOrganisationId, String responsibleOrganisationId,
                       String detectingSector, Instant screenedAt,
                       ScreeningLocation location, DataSubject dataSubject, CaseStage stage, boolean closed,
                       List<Assessment> assessments, String presumedVictimGrounds, Identification identification,
                       Guardian guardian, Map<String, Consent> consents, ReflectionPeriod reflectionPeriod,
                       Closure closure, Instant openedAt, Instant lastChangedAt) {

    public record Assessment(String assessmentId, String indicatorSetId, Instant assessedAt,
                             AssessmentResult result) {
    }

    public record Identification(IdentificationOutcome outcome, String reasons, List<String> typesOfExploitation,
                                 List<String> methodsOfControl, Instant decidedAt) {
    }

    public record Guardian(String name, String organisation, LocalDate appointedOn) {
    }

    public record Consent(ConsentGiver givenBy, List<String> purposes, List<String> serviceTypes,
                          String recipientOrganisationId, boolean active, Instant givenAt, Instant withdrawnAt) {
    }

    public record ReflectionPeriod(LocalDate startDate, LocalDate legalEndDate, String legalBasis) {
    }

    public record Closure(String reason, String note, Instant closedAt) {
    }
}
