package org.nrmplatform.caseservice.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.nrmplatform.contracts.cases.ConsentDecision;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.caseservice.retention.RetentionDue;

/**
 * Commands on a case. {@code expectedVersion}, where present, is the version the caller last saw
 * (HTTP If-Match); null means "whatever the current version is".
 */
public final class CaseCommands {

    /**
     * Metadata of a command sent only to be checked against the case's rules, records nothing: a step the
     * installation holds for approval is checked so before it is held (and again when it is approved).
     */
    public static final String CHECK_ONLY = "checkOnly";

    private CaseCommands() {
    }

    /** {@code openingOrganisationId}: the organisation of the professional who screened. */
    public record OpenCase(@TargetAggregateIdentifier UUID caseId, String detectingSector, Instant screenedAt,
                           ScreeningLocation location, DataSubject dataSubject, String openingOrganisationId) {
    }

    /**
     * Opens a case for one person of a group found together in an emergency situation, with what was recordable on
     * site: the opening as {@link OpenCase} has it, the link to the situation, the person's temporary reference,
     * languages and immediate needs, and the answers to the rapid indicator set (none: not asked yet).
     */
    public record OpenCaseInEmergency(@TargetAggregateIdentifier UUID caseId, OpenCase opening, UUID situationId,
                                      String temporaryReference, List<String> languages,
                                      List<String> immediateNeeds, UUID assessmentId,
                                      Map<String, IndicatorAnswer> rapidAnswers) {
    }

    public record RecordIndicatorAssessment(@TargetAggregateIdentifier UUID caseId, UUID assessmentId,
                                            String indicatorSetId, Map<String, IndicatorAnswer> answers,
                                            Instant assessedAt, @TargetAggregateVersion Long expectedVersion) {
    }

    /** {@code responsibleOrganisationId}: the case-manager organisation that takes the case on. */
    public record FlagPresumedVictim(@TargetAggregateIdentifier UUID caseId, String grounds,
                                     String responsibleOrganisationId,
                                     @TargetAggregateVersion Long expectedVersion) {
    }

    public record DecideIdentification(@TargetAggregateIdentifier UUID caseId, IdentificationOutcome outcome,
                                       String reasons, List<String> typesOfExploitation,
                                       List<String> methodsOfControl, @TargetAggregateVersion Long expectedVersion) {
    }

    public record AppointGuardian(@TargetAggregateIdentifier UUID caseId, String guardianName,
                                  String guardianOrganisation, LocalDate appointedOn,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordConsent(@TargetAggregateIdentifier UUID caseId, UUID consentId, ConsentDecision decision,
                                ConsentGiver givenBy, List<String> purposes, List<String> serviceTypes,
                                String recipientOrganisationId, String note,
                                @TargetAggregateVersion Long expectedVersion) {
    }

    public record StartReflectionPeriod(@TargetAggregateIdentifier UUID caseId, LocalDate startDate,
                                        LocalDate legalEndDate, String legalBasis,
                                        @TargetAggregateVersion Long expectedVersion) {
    }

    public record CloseCase(@TargetAggregateIdentifier UUID caseId, String reason, String note,
                            @TargetAggregateVersion Long expectedVersion) {
    }

    /** {@code raisedByOrganisationId}: the organisation of the professional who raises it. */
    public record RaiseFlag(@TargetAggregateIdentifier UUID caseId, UUID flagId, String category, String reason,
                            String raisedByOrganisationId, @TargetAggregateVersion Long expectedVersion) {
    }

    public record LiftFlag(@TargetAggregateIdentifier UUID caseId, UUID flagId, String reason,
                           @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Asked of the case before a step is recorded on a record of its own (a case conference): whether the caller
     * works the case (in scope) and it is open. Records nothing.
     */
    public record RequireWorkable(@TargetAggregateIdentifier UUID caseId) {
    }

    /** Erases the data subject's personal data, on a legal basis the caller states (both parts required). */
    public record EraseSubject(@TargetAggregateIdentifier UUID caseId, LegalBasis legalBasis) {
    }

    /**
     * Erases the data subject because the case's retention period ended (the daily retention run asks):
     * {@code due} is when the run found it ended, for an approver to read; the case computes it again and erases
     * only if it has ended by then.
     */
    public record EraseAtRetentionEnd(@TargetAggregateIdentifier UUID caseId, RetentionDue due) {
    }

    /** The person of {@code otherCaseId}, a possible match of this case, is this case's person. */
    public record LinkSamePerson(@TargetAggregateIdentifier UUID caseId, UUID otherCaseId,
                                 @TargetAggregateVersion Long expectedVersion) {
    }

    /** The possible match {@code otherCaseId} is another person. */
    public record DismissPossibleMatch(@TargetAggregateIdentifier UUID caseId, UUID otherCaseId,
                                       @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * The other side of a link or dismissal decided on {@code decidedOnCaseId}, recorded on the other case by the
     * endpoint that took the decision (whose caller need not see this case). Sent by no API directly.
     */
    public record RecordMatchDecision(@TargetAggregateIdentifier UUID caseId, UUID decidedOnCaseId,
                                      boolean samePerson) {
    }
}
