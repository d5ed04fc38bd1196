package org.nrmplatform.caseservice.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.cases.CaseFile;
import org.nrmplatform.contracts.cases.AssessmentResult;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;

/**
 * The whole case, as the case manager's view ({@link ManagedCaseProjection}) holds it and as time travel
 * shows it: the {@link CaseFile} (the one fold of the case's events) opened, plus its active referrals; the
 * first-line and identification-authority views are the parts of it their records below name
 * ({@link FirstLineCase}, {@link IdentificationCase}), the service provider's the {@link ReferredCase}.
 * {@code version} is the sequence number of the last event applied (the case's version for If-Match).
 * The projections store the personal fields sealed ({@link OpenedViews#CASE_VIEW_FIELDS}); this is the view
 * opened for an answer. {@code erased}: the data subject was erased, so those fields are null.
 */
public record CaseView(String id, long version, String openingOrganisationId, String responsibleOrganisationId,
                       List<ActiveReferral> activeReferrals, String detectingSector, Instant screenedAt,
                       ScreeningLocation location, DataSubject dataSubject, CaseStage stage, boolean closed,
                       List<Assessment> assessments, String presumedVictimGrounds, Identification identification,
                       Guardian guardian, Map<String, Consent> consents, ReflectionPeriod reflectionPeriod,
                       Closure closure, Instant openedAt, Instant lastChangedAt, boolean erased,
                       List<Flag> flags)
        implements HandledCase {

    public CaseView {
        flags = activeFlags(flags);
    }

    /**
     * An active flag: a warning every view of the case carries, so that whoever sees the case sees it
     * (docs/need-to-know.md); {@code reason} is null once the subject is erased.
     */
    public record Flag(String flagId, String category, String reason, String raisedByOrganisationId,
                       Instant raisedAt) {
    }

    /** A view stored before flags existed has none. */
    private static List<Flag> activeFlags(List<Flag> flags) {
        return flags == null ? List.of() : List.copyOf(flags);
    }

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

    /** A referral requested and not yet declined, withdrawn, cancelled or completed. */
    public record ActiveReferral(String referralId, String providerOrganisationId) {
    }

    /**
     * The case file opened for an answer: its personal fields in clear (null once the subject is erased),
     * with {@code activeReferrals} as given (null: not reconstructed).
     */
    public static CaseView opened(CaseFile file, List<ActiveReferral> activeReferrals, PersonalData.Reading reading) {
        SealedDataSubject sealed = file.dataSubject();
        DataSubject subject = new DataSubject(reading.open(sealed.givenName(), PersonalField.GIVEN_NAME),
                reading.open(sealed.familyName(), PersonalField.FAMILY_NAME),
                reading.openDate(sealed.dateOfBirth(), PersonalField.DATE_OF_BIRTH), sealed.ageCategory(),
                sealed.sex(), sealed.citizenship());
        CaseFile.Identification decided = file.identification();
        CaseFile.Guardian guardian = file.guardian();
        CaseFile.ReflectionPeriod period = file.reflectionPeriod();
        CaseFile.Closure closure = file.closure();
        Map<String, Consent> consents = new LinkedHashMap<>();
        file.consents().forEach((id, consent) -> consents.put(id, new Consent(consent.givenBy(), consent.purposes(),
                consent.serviceTypes(), consent.recipientOrganisationId(), consent.active(), consent.givenAt(),
                consent.withdrawnAt())));
        return new CaseView(file.id(), file.version(), file.openingOrganisationId(),
                file.responsibleOrganisationId(), activeReferrals, file.detectingSector(), file.screenedAt(),
                file.location(), subject, file.stage(), file.closed(),
                file.assessments().stream().map(a -> new Assessment(a.assessmentId(), a.indicatorSetId(),
                        a.assessedAt(), a.result())).toList(),
                reading.open(file.presumedVictimGrounds(), PersonalField.PRESUMED_VICTIM_GROUNDS),
                decided == null ? null : new Identification(decided.outcome(),
                        reading.open(decided.reasons(), PersonalField.IDENTIFICATION_REASONS),
                        decided.typesOfExploitation(), decided.methodsOfControl(), decided.decidedAt()),
                guardian == null ? null : new Guardian(reading.open(guardian.name(), PersonalField.GUARDIAN_NAME),
                        guardian.organisation(), guardian.appointedOn()),
                Collections.unmodifiableMap(consents),
                period == null ? null : new ReflectionPeriod(period.startDate(), period.legalEndDate(),
                        period.legalBasis()),
                closure == null ? null : new Closure(closure.reason(),
                        reading.open(closure.note(), PersonalField.CLOSURE_NOTE), closure.closedAt()),
                file.openedAt(), file.lastChangedAt(), file.erased() || reading.erased(),
                file.flags().stream().map(flag -> new Flag(flag.flagId(), flag.category(),
                        reading.open(flag.reason(), PersonalField.FLAG_REASON), flag.raisedByOrganisationId(),
                        flag.raisedAt())).toList());
    }

    @Override
    public CaseAccess access() {
        return new CaseAccess(openingOrganisationId, responsibleOrganisationId, activeReferrals == null ? Set.of()
                : activeReferrals.stream().map(ActiveReferral::providerOrganisationId).collect(Collectors.toSet()));
    }

    /**
     * What the first-line professional sees (its own view, {@link FirstLineCaseProjection}): the case it
     * screened and handed over, its stage and whom it went to, and the consents it may record and refer
     * under; not the identification decision's reasons, the guardian, the reflection period, the closure's
     * reason or the referrals. Like every view, it carries the case's active flags.
     */
    public FirstLineCase forFirstLine() {
        return new FirstLineCase(id, version, openingOrganisationId, responsibleOrganisationId, detectingSector,
                screenedAt, location, dataSubject, stage, closed, assessments, presumedVictimGrounds, consents,
                openedAt, lastChangedAt, erased, flags);
    }

    /**
     * What the identification authority sees (its own view, {@link IdentificationCaseProjection}): what it
     * decides on (screening, indicators, grounds, the person, a child's guardian) and its decision; not the
     * consents, the reflection period, the closure's reason or the referrals.
     */
    public IdentificationCase forIdentificationAuthority() {
        return new IdentificationCase(id, version, openingOrganisationId, responsibleOrganisationId,
                detectingSector, screenedAt, location, dataSubject, stage, closed, assessments,
                presumedVictimGrounds, identification, guardian, openedAt, lastChangedAt, erased, flags);
    }

    public record FirstLineCase(String id, long version, String openingOrganisationId,
                                String responsibleOrganisationId, String detectingSector, Instant screenedAt,
                                ScreeningLocation location, DataSubject dataSubject, CaseStage stage, boolean closed,
                                List<Assessment> assessments, String presumedVictimGrounds,
                                Map<String, Consent> consents, Instant openedAt, Instant lastChangedAt,
                                boolean erased, List<Flag> flags) implements HandledCase {
        public FirstLineCase {
            flags = activeFlags(flags);
        }
    }

    public record IdentificationCase(String id, long version, String openingOrganisationId,
                                     String responsibleOrganisationId, String detectingSector, Instant screenedAt,
                                     ScreeningLocation location, DataSubject dataSubject, CaseStage stage,
                                     boolean closed, List<Assessment> assessments, String presumedVictimGrounds,
                                     Identification identification, Guardian guardian, Instant openedAt,
                                     Instant lastChangedAt, boolean erased, List<Flag> flags)
            implements HandledCase {
        public IdentificationCase {
            flags = activeFlags(flags);
        }
    }

    /**
     * What a service provider with an active referral sees (the fields of its own view,
     * {@link ReferredCaseProjection}; used here for the provider's part of a past state, see CaseAsOf): who to receive and care for, and the legal
     * frame (guardian, reflection period); not how the case was screened, assessed or decided, nor other
     * organisations' consents and referrals.
     */
    public ReferredCase referred() {
        return new ReferredCase(id, stage, closed, dataSubject, guardian, reflectionPeriod, erased, flags);
    }

    public record ReferredCase(String id, CaseStage stage, boolean closed, DataSubject dataSubject,
                               Guardian guardian, ReflectionPeriod reflectionPeriod, boolean erased,
                               List<Flag> flags)
            implements VisibleCase {
        public ReferredCase {
            flags = activeFlags(flags);
        }
    }
}
