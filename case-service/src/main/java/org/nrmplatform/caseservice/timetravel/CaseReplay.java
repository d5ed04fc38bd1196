package org.nrmplatform.caseservice.timetravel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrmplatform.caseservice.views.CaseView;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.Events.CaseClosed;
import org.nrmplatform.contracts.cases.Events.CaseOpened;
import org.nrmplatform.contracts.cases.Events.ConsentGiven;
import org.nrmplatform.contracts.cases.Events.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.Events.GuardianAppointed;
import org.nrmplatform.contracts.cases.Events.IdentificationDecided;
import org.nrmplatform.contracts.cases.Events.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.Events.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.Events.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;

/**
 * Folds a case's own events into a {@link CaseView}, in memory, with the same rules as the case views'
 * projection, {@code HandledCaseProjection} (which applies them as MongoDB updates). The two are kept from
 * drifting apart by a test that compares the replay up to now with the case manager's view of a case that
 * has every kind of event.
 * Referrals are other aggregates' events and are not replayed: {@code activeReferrals} stays null, meaning
 * "not reconstructed". Personal fields are opened as they are folded in (null for an erased subject); the
 * replay exists only in memory, for one answer.
 */
final class CaseReplay {

    private CaseReplay() {
    }

    /** The view after {@code event}, the case's event number {@code sequence}, recorded at {@code at}. */
    static CaseView apply(CaseView view, Object event, long sequence, Instant at, PersonalData.Reading reading) {
        if (event instanceof CaseOpened opened) {
            return view != null ? view : new CaseView(opened.caseId().toString(), sequence,
                    opened.openingOrganisationId(), null, null, opened.detectingSector(), opened.screenedAt(),
                    opened.location(), open(opened.dataSubject(), reading), CaseStage.POTENTIAL_VICTIM, false,
                    List.of(), null, null, null, Map.of(), null, null, at, at, reading.erased());
        }
        if (view == null) {
            return null;
        }
        Change next = new Change(view);
        if (event instanceof IndicatorAssessmentRecorded e) {
            List<CaseView.Assessment> assessments = new ArrayList<>(view.assessments());
            assessments.add(new CaseView.Assessment(e.assessmentId().toString(), e.indicatorSetId(),
                    e.assessedAt(), e.result()));
            next.assessments = List.copyOf(assessments);
        } else if (event instanceof PresumedVictimFlagged e) {
            next.stage = CaseStage.PRESUMED_VICTIM;
            next.presumedVictimGrounds = reading.open(e.grounds(), PersonalField.PRESUMED_VICTIM_GROUNDS);
            next.responsibleOrganisationId = e.responsibleOrganisationId();
        } else if (event instanceof IdentificationDecided e) {
            next.stage = e.outcome() == IdentificationOutcome.IDENTIFIED ? CaseStage.IDENTIFIED_VICTIM
                    : CaseStage.NOT_IDENTIFIED;
            next.identification = new CaseView.Identification(e.outcome(),
                    reading.open(e.reasons(), PersonalField.IDENTIFICATION_REASONS), e.typesOfExploitation(),
                    e.methodsOfControl(), at);
        } else if (event instanceof GuardianAppointed e) {
            next.guardian = new CaseView.Guardian(reading.open(e.guardianName(), PersonalField.GUARDIAN_NAME),
                    e.guardianOrganisation(), e.appointedOn());
        } else if (event instanceof ConsentGiven e) {
            next.consent(e.consentId().toString(), new CaseView.Consent(e.givenBy(), e.purposes(),
                    e.serviceTypes(), e.recipientOrganisationId(), true, at, null));
        } else if (event instanceof ConsentWithdrawn e) {
            CaseView.Consent given = view.consents().get(e.consentId().toString());
            if (given != null) {
                next.consent(e.consentId().toString(), new CaseView.Consent(given.givenBy(), given.purposes(),
                        given.serviceTypes(), given.recipientOrganisationId(), false, given.givenAt(), at));
            }
        } else if (event instanceof ReflectionPeriodStarted e) {
            next.reflectionPeriod = new CaseView.ReflectionPeriod(e.startDate(), e.legalEndDate(), e.legalBasis());
        } else if (event instanceof CaseClosed e) {
            next.closed = true;
            next.closure = new CaseView.Closure(e.reason(), reading.open(e.note(), PersonalField.CLOSURE_NOTE), at);
        } else {
            return view; // not an event of the case view: the version does not move either
        }
        return next.build(sequence, at, reading.erased());
    }

    static DataSubject open(SealedDataSubject subject, PersonalData.Reading reading) {
        return new DataSubject(reading.open(subject.givenName(), PersonalField.GIVEN_NAME),
                reading.open(subject.familyName(), PersonalField.FAMILY_NAME),
                reading.openDate(subject.dateOfBirth(), PersonalField.DATE_OF_BIRTH), subject.ageCategory(),
                subject.sex(), subject.citizenship());
    }

    /** The fields an event may change, copied from the view before it. */
    private static final class Change {
        private final CaseView before;
        private String responsibleOrganisationId;
        private CaseStage stage;
        private boolean closed;
        private List<CaseView.Assessment> assessments;
        private String presumedVictimGrounds;
        private CaseView.Identification identification;
        private CaseView.Guardian guardian;
        private Map<String, CaseView.Consent> consents;
        private CaseView.ReflectionPeriod reflectionPeriod;
        private CaseView.Closure closure;

        Change(CaseView before) {
            this.before = before;
            responsibleOrganisationId = before.responsibleOrganisationId();
            stage = before.stage();
            closed = before.closed();
            assessments = before.assessments();
            presumedVictimGrounds = before.presumedVictimGrounds();
            identification = before.identification();
            guardian = before.guardian();
            consents = before.consents();
            reflectionPeriod = before.reflectionPeriod();
            closure = before.closure();
        }

        void consent(String consentId, CaseView.Consent consent) {
            Map<String, CaseView.Consent> changed = new LinkedHashMap<>(consents);
            changed.put(consentId, consent);
            consents = changed;
        }

        CaseView build(long sequence, Instant at, boolean erased) {
            return new CaseView(before.id(), sequence, before.openingOrganisationId(), responsibleOrganisationId,
                    before.activeReferrals(), before.detectingSector(), before.screenedAt(), before.location(),
                    before.dataSubject(), stage, closed, assessments, presumedVictimGrounds, identification,
                    guardian, consents, reflectionPeriod, closure, before.openedAt(), at, before.erased() || erased);
        }
    }
}
