package org.nrmplatform.caseservice.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.caseservice.indicators.IndicatorSet;
import org.nrmplatform.caseservice.retention.CaseProceedings;
import org.nrmplatform.caseservice.retention.RetentionDue;
import org.nrmplatform.caseservice.retention.RetentionPeriods;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.AssessmentResult;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.caseservice.cases.CaseCommands.AppointGuardian;
import org.nrmplatform.caseservice.cases.CaseCommands.CloseCase;
import org.nrmplatform.caseservice.cases.CaseCommands.DismissPossibleMatch;
import org.nrmplatform.caseservice.cases.CaseCommands.LinkSamePerson;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordMatchDecision;
import org.nrmplatform.caseservice.cases.CaseCommands.DecideIdentification;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseAtRetentionEnd;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseSubject;
import org.nrmplatform.caseservice.cases.CaseCommands.FlagPresumedVictim;
import org.nrmplatform.caseservice.cases.CaseCommands.LiftFlag;
import org.nrmplatform.caseservice.cases.CaseCommands.RaiseFlag;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCase;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCaseInEmergency;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordConsent;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordIndicatorAssessment;
import org.nrmplatform.caseservice.cases.CaseCommands.RequireWorkable;
import org.nrmplatform.caseservice.cases.CaseCommands.StartReflectionPeriod;
import org.nrmplatform.contracts.cases.ConsentDecision;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagLifted;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagRaised;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.PossibleMatchDismissed;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SamePersonLinked;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.RetentionPeriodEnded;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.codelists.Countries;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * A case through the identification stage of an NRM: screening, indicator assessment, presumed victim,
 * formal identification decision, and alongside them guardian, consent, reflection period and closure.
 * Each command either records its event or is refused with the reason; nothing else changes a case.
 * Personal data in a command is sealed here with the case's key ({@link PersonalData}), so the events hold
 * it only encrypted; the case is its data subject.
 */
@Aggregate
public class Case {

    @AggregateIdentifier
    private UUID caseId;
    /** What the case's events add up to: everything a command is decided on. */
    private CaseFile file;
    /** Flags lifted: the file keeps only the active ones, and a lifted flag's id is not raised again. */
    private final Set<UUID> liftedFlags = new HashSet<>();
    /** Cases decided to be this case's person, and possible matches decided not to be. */
    private final Set<UUID> samePerson = new HashSet<>();
    private final Set<UUID> notSamePerson = new HashSet<>();

    protected Case() {
        // required by Axon to rebuild the case from its events
    }

    @CommandHandler
    public Case(OpenCase command, CodeLists codeLists, PersonalData personalData) {
        requireOpenable(command, codeLists);
        apply(new CaseOpened(command.caseId(), command.detectingSector(), command.screenedAt(), command.location(),
                seal(command.caseId(), command.dataSubject(), personalData), command.openingOrganisationId()));
    }

    /**
     * One person of a group registered rapidly in an emergency situation: the case is opened as any other, linked
     * to the situation, and the rapid indicator set's answers (if any) are its first assessment; the three events
     * are stored together or not at all.
     */
    @CommandHandler
    public Case(OpenCaseInEmergency command, CodeLists codeLists, IndicatorCatalogue catalogue,
                PersonalData personalData) {
        IndicatorSet rapid = requireRegistrable(command, codeLists, catalogue);
        OpenCase opening = command.opening();
        apply(new CaseOpened(command.caseId(), opening.detectingSector(), opening.screenedAt(), opening.location(),
                seal(command.caseId(), opening.dataSubject(), personalData), opening.openingOrganisationId()));
        apply(new CaseRegisteredInEmergency(command.caseId(), command.situationId(),
                blank(command.temporaryReference()) ? null : personalData.seal(command.caseId(),
                        PersonalField.EMERGENCY_TEMPORARY_REFERENCE, command.temporaryReference()),
                List.copyOf(command.languages()), List.copyOf(command.immediateNeeds())));
        if (!command.rapidAnswers().isEmpty()) {
            apply(new IndicatorAssessmentRecorded(command.caseId(), command.assessmentId(), rapid.id(),
                    Map.copyOf(command.rapidAnswers()), opening.screenedAt(), rapid.assess(command.rapidAnswers())));
        }
    }

    /** The indicator set a rapid registration answers (indicator-sets/rapid-v1.json). */
    public static final String RAPID_SET = "rapid-v1";

    /**
     * The rules a rapid registration's person is refused by, checked for every person of a group before any of
     * them is stored (so a group with one wrong line stores none) and again by the command. Answers the rapid set.
     */
    public static IndicatorSet requireRegistrable(OpenCaseInEmergency command, CodeLists codeLists,
                                                  IndicatorCatalogue catalogue) {
        requireOpenable(command.opening(), codeLists);
        codeLists.requireCodes("immediate-need", command.immediateNeeds(), "immediateNeeds");
        for (String language : command.languages()) {
            if (language == null || !language.matches("[a-z]{2,3}")) {
                throw RuleViolation.ruleNotMet("languages", "'" + language + "' is not an ISO 639 language code "
                        + "(two or three small letters, e.g. ro, uk, tl)");
            }
        }
        IndicatorSet rapid = catalogue.find(RAPID_SET).orElseThrow(() ->
                new IllegalStateException("the rapid indicator set " + RAPID_SET + " is shipped with the service"));
        rapid.assess(command.rapidAnswers()); // refuses a code not in the set
        return rapid;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static void requireOpenable(OpenCase command, CodeLists codeLists) {
        codeLists.requireCode("detecting-sector", command.detectingSector(), "detectingSector");
        codeLists.requireCode("sex", command.dataSubject().sex(), "dataSubject.sex");
        Countries.require(command.location().country(), "location.country");
        for (String country : command.dataSubject().citizenship()) {
            Countries.require(country, "dataSubject.citizenship");
        }
        LocalDate dateOfBirth = command.dataSubject().dateOfBirth();
        if (dateOfBirth != null) {
            LocalDate screenedOn = command.screenedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (dateOfBirth.isAfter(screenedOn)) {
                throw RuleViolation.ruleNotMet("dataSubject.dateOfBirth", "date of birth is after the screening");
            }
            boolean minor = Period.between(dateOfBirth, screenedOn).getYears() < 18;
            if (minor && command.dataSubject().ageCategory() == AgeCategory.ADULT) {
                throw RuleViolation.ruleNotMet("dataSubject.ageCategory",
                        "the date of birth makes the data subject a child at screening; record ageCategory CHILD");
            }
        }
    }

    @CommandHandler
    public AssessmentRecorded handle(RecordIndicatorAssessment command, IndicatorCatalogue catalogue,
                                     MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        if (file.stage() != CaseStage.POTENTIAL_VICTIM && file.stage() != CaseStage.PRESUMED_VICTIM) {
            throw RuleViolation.stateDoesNotAllow("indicators are assessed before the identification decision; this case is "
                    + file.stage());
        }
        IndicatorSet set = catalogue.find(command.indicatorSetId()).orElseThrow(() ->
                RuleViolation.ruleNotMet("indicatorSetId", "no indicator set " + command.indicatorSetId()));
        if (!set.appliesTo(ageCategory())) {
            throw RuleViolation.ruleNotMet("indicatorSetId",
                    "indicator set " + set.id() + " is for children's cases only");
        }
        AssessmentResult result = set.assess(command.answers());
        apply(new IndicatorAssessmentRecorded(caseId, command.assessmentId(), set.id(), command.answers(),
                command.assessedAt(), result));
        return new AssessmentRecorded(caseId, command.assessmentId(), result, status());
    }

    @CommandHandler
    public CaseStatus handle(FlagPresumedVictim command, PersonalData personalData, MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        if (file.stage() != CaseStage.POTENTIAL_VICTIM) {
            throw RuleViolation.stateDoesNotAllow("only a potential victim can be flagged as presumed victim; this case is "
                    + file.stage());
        }
        if (!file.assessed()) {
            throw RuleViolation.ruleNotMet(null,
                    "record an indicator assessment before flagging a presumed victim");
        }
        apply(new PresumedVictimFlagged(caseId,
                personalData.seal(caseId, PersonalField.PRESUMED_VICTIM_GROUNDS, command.grounds()),
                command.responsibleOrganisationId()));
        return status();
    }

    @CommandHandler
    public CaseStatus handle(DecideIdentification command, CodeLists codeLists, PersonalData personalData,
                             MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        if (file.stage() != CaseStage.PRESUMED_VICTIM) {
            throw RuleViolation.stateDoesNotAllow("the identification decision follows the presumed-victim flag; this case is "
                    + file.stage());
        }
        if (ageCategory() == AgeCategory.CHILD && !file.guardianAppointed()) {
            throw RuleViolation.ruleNotMet(null, "a child's case cannot be decided before a guardian is appointed");
        }
        codeLists.requireCodes("type-of-exploitation", command.typesOfExploitation(), "typesOfExploitation");
        codeLists.requireCodes("method-of-control", command.methodsOfControl(), "methodsOfControl");
        if (command.outcome() == IdentificationOutcome.IDENTIFIED && command.typesOfExploitation().isEmpty()) {
            throw RuleViolation.ruleNotMet("typesOfExploitation",
                    "an identified victim's decision names at least one type of exploitation");
        }
        if (checkOnly(metaData)) {
            return status();
        }
        apply(new IdentificationDecided(caseId, command.outcome(),
                personalData.seal(caseId, PersonalField.IDENTIFICATION_REASONS, command.reasons()),
                List.copyOf(command.typesOfExploitation()), List.copyOf(command.methodsOfControl())));
        return status();
    }

    @CommandHandler
    public CaseStatus handle(AppointGuardian command, PersonalData personalData, MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        if (ageCategory() != AgeCategory.CHILD) {
            throw RuleViolation.ruleNotMet(null, "a guardian is appointed for a child; this data subject is an adult");
        }
        apply(new GuardianAppointed(caseId,
                personalData.seal(caseId, PersonalField.GUARDIAN_NAME, command.guardianName()),
                command.guardianOrganisation(), command.appointedOn()));
        return status();
    }

    @CommandHandler
    public CaseStatus handle(RecordConsent command, CodeLists codeLists, PersonalData personalData,
                             MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        if (command.decision() == ConsentDecision.WITHDRAWN) {
            Optional<Boolean> active = file.consentActive(command.consentId());
            if (!active.orElse(false)) {
                throw RuleViolation.ruleNotMet("consentId", active.isPresent()
                        ? "consent " + command.consentId() + " is already withdrawn"
                        : "this case has no consent " + command.consentId());
            }
            apply(new ConsentWithdrawn(caseId, command.consentId(),
                    personalData.seal(caseId, PersonalField.CONSENT_WITHDRAWAL_NOTE, command.note())));
            return status();
        }
        if (file.consentActive(command.consentId()).isPresent()) {
            throw RuleViolation.stateDoesNotAllow("consent " + command.consentId() + " is already recorded; record a new "
                    + "consent with a new id");
        }
        if (ageCategory() == AgeCategory.CHILD && command.givenBy() != ConsentGiver.GUARDIAN) {
            throw RuleViolation.ruleNotMet("givenBy", "a child's consent is given by the appointed guardian");
        }
        if (command.givenBy() == ConsentGiver.GUARDIAN && !file.guardianAppointed()) {
            throw RuleViolation.ruleNotMet("givenBy", "no guardian has been appointed for this case");
        }
        codeLists.requireCodes("consent-purpose", command.purposes(), "purposes");
        codeLists.requireCodes("service-type", command.serviceTypes(), "serviceTypes");
        apply(new ConsentGiven(caseId, command.consentId(), command.givenBy(), List.copyOf(command.purposes()),
                List.copyOf(command.serviceTypes()), command.recipientOrganisationId(),
                personalData.seal(caseId, PersonalField.CONSENT_NOTE, command.note())));
        return status();
    }

    @CommandHandler
    public CaseStatus handle(StartReflectionPeriod command, MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        if (file.stage() != CaseStage.PRESUMED_VICTIM && file.stage() != CaseStage.IDENTIFIED_VICTIM) {
            throw RuleViolation.stateDoesNotAllow("a reflection period is granted to a presumed or identified victim; this case is "
                    + file.stage());
        }
        if (file.reflectionPeriodStarted()) {
            throw RuleViolation.stateDoesNotAllow("a reflection period has already been started for this case");
        }
        if (!command.legalEndDate().isAfter(command.startDate())) {
            throw RuleViolation.ruleNotMet("legalEndDate", "the legal end date must be after the start date");
        }
        apply(new ReflectionPeriodStarted(caseId, command.startDate(), command.legalEndDate(), command.legalBasis()));
        return status();
    }

    @CommandHandler
    public CaseStatus handle(CloseCase command, CodeLists codeLists, PersonalData personalData, MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        codeLists.requireCode("closure-reason", command.reason(), "reason");
        if (checkOnly(metaData)) {
            return status();
        }
        apply(new CaseClosed(caseId, command.reason(), personalData.seal(caseId, PersonalField.CLOSURE_NOTE,
                command.note()), file.stage()));
        return status();
    }

    /**
     * Raises a warning on the case; who may is the endpoint's to say (the roles that work the case), the
     * case decides whether the caller sees it. A flag id names one flag: raising it again is refused.
     */
    @CommandHandler
    public CaseStatus handle(RaiseFlag command, CodeLists codeLists, PersonalData personalData, MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        codeLists.requireCode("flag-category", command.category(), "category");
        if (file.flagActive(command.flagId()) || liftedFlags.contains(command.flagId())) {
            throw RuleViolation.stateDoesNotAllow("flag " + command.flagId() + " is already raised on this case; "
                    + "raise a new flag with a new id");
        }
        requireReason(command.reason());
        apply(new CaseFlagRaised(caseId, command.flagId(), command.category(),
                personalData.seal(caseId, PersonalField.FLAG_REASON, command.reason()),
                command.raisedByOrganisationId()));
        return status();
    }

    /** Lifts a flag that no longer applies, always with the reason why. */
    @CommandHandler
    public CaseStatus handle(LiftFlag command, PersonalData personalData, MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        if (liftedFlags.contains(command.flagId())) {
            throw RuleViolation.stateDoesNotAllow("flag " + command.flagId() + " is already lifted");
        }
        if (!file.flagActive(command.flagId())) {
            throw RuleViolation.ruleNotMet("flagId", "this case has no flag " + command.flagId());
        }
        requireReason(command.reason());
        apply(new CaseFlagLifted(caseId, command.flagId(),
                personalData.seal(caseId, PersonalField.FLAG_LIFTING_REASON, command.reason())));
        return status();
    }

    /** A case conference is recorded on a case the caller works while it is open; nothing changes here. */
    @CommandHandler
    public CaseStatus handle(RequireWorkable command, MetaData metaData) {
        requireVisibleTo(metaData);
        requireOpen();
        return status();
    }

    /**
     * Links a possible match as the same person. Decided by the identification authority or the case manager
     * of this case (docs/need-to-know.md); whether {@code otherCaseId} is a possible match is the endpoint's to
     * check, which sends {@link RecordMatchDecision} to the other case next. Closed cases too: re-trafficking is
     * often noticed late.
     */
    @CommandHandler
    public CaseStatus handle(LinkSamePerson command, MetaData metaData) {
        requireMatchDecider(metaData);
        requireOtherCase(command.otherCaseId());
        if (samePerson.contains(command.otherCaseId())) {
            throw RuleViolation.stateDoesNotAllow("case " + command.otherCaseId() + " is already linked to this case");
        }
        apply(new SamePersonLinked(caseId, command.otherCaseId(), caseId));
        return status();
    }

    /** Dismisses a possible match: another person. Who may: as {@link LinkSamePerson}. */
    @CommandHandler
    public CaseStatus handle(DismissPossibleMatch command, MetaData metaData) {
        requireMatchDecider(metaData);
        requireOtherCase(command.otherCaseId());
        if (samePerson.contains(command.otherCaseId())) {
            throw RuleViolation.stateDoesNotAllow("case " + command.otherCaseId() + " is linked to this case as the "
                    + "same person; a link is not dismissed");
        }
        if (notSamePerson.contains(command.otherCaseId())) {
            throw RuleViolation.stateDoesNotAllow("the possible match " + command.otherCaseId() + " is already dismissed");
        }
        apply(new PossibleMatchDismissed(caseId, command.otherCaseId(), caseId));
        return status();
    }

    /** The decision taken on the other case, recorded here once: a repeat (a retried request) records nothing. */
    @CommandHandler
    public CaseStatus handle(RecordMatchDecision command) {
        UUID other = command.decidedOnCaseId();
        requireOtherCase(other);
        if (command.samePerson() && !samePerson.contains(other)) {
            apply(new SamePersonLinked(caseId, other, other));
        } else if (!command.samePerson() && !notSamePerson.contains(other) && !samePerson.contains(other)) {
            apply(new PossibleMatchDismissed(caseId, other, other));
        }
        return status();
    }

    private void requireMatchDecider(MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData).orElse(null);
        if (!file.access().grants(Role.IDENTIFICATION_AUTHORITY, actor)
                && !file.access().grants(Role.CASE_MANAGER, actor)) {
            throw new AggregateNotFoundException(caseId.toString(), "No case " + caseId);
        }
    }

    private void requireOtherCase(UUID otherCaseId) {
        if (otherCaseId == null || otherCaseId.equals(caseId)) {
            throw RuleViolation.ruleNotMet("otherCaseId", "name another case than this one");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.ruleNotMet("reason", "say why, for those who read the case after you");
        }
    }

    /**
     * Records the erasure; the key is destroyed once the event is stored (by the caller and, should it fail
     * or stop first, by SubjectKeyDestruction). Allowed on closed cases too: erasure usually follows closure.
     * Case managers of the case, and the identification authority for any case of the installation (an
     * erasure request may concern a case it has not decided on).
     */
    @CommandHandler
    public CaseStatus handle(EraseSubject command, MetaData metaData) {
        requireErasableBy(metaData);
        if (checkOnly(metaData)) {
            return status();
        }
        apply(new SubjectErased(caseId, command.legalBasis()));
        return status();
    }

    /**
     * Erases the subject because the case's retention period ended, by the same rule as a requested erasure, and
     * records which retention rule and period ended when. The case computes the end itself, with its proceedings
     * as they are now: never erased while open or under open proceedings, nor a day early.
     */
    @CommandHandler
    public CaseStatus handle(EraseAtRetentionEnd command, RetentionPeriods periods, CaseProceedings proceedings,
                             Clock clock, MetaData metaData) {
        requireErasableBy(metaData);
        LocalDate closedOn = file.closed() ? LocalDate.ofInstant(file.closure().closedAt(), ZoneOffset.UTC) : null;
        RetentionDue due = periods.due(closedOn, file.stage() == CaseStage.IDENTIFIED_VICTIM, proceedings.of(caseId))
                .orElseThrow(() -> RuleViolation.stateDoesNotAllow(file.closed()
                        ? "case " + caseId + " has open proceedings: it is kept until they end"
                        : "case " + caseId + " is open: an open case is never due for erasure"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (due.dueOn().isAfter(today)) {
            throw RuleViolation.stateDoesNotAllow("the retention of case " + caseId + " (" + due.rule() + ", "
                    + due.period() + " from " + due.from() + ") ends on " + due.dueOn());
        }
        if (checkOnly(metaData)) {
            return status();
        }
        apply(new RetentionPeriodEnded(caseId, due.rule(), due.period(), due.dueOn()));
        apply(new SubjectErased(caseId, due.toLegalBasis()));
        return status();
    }

    /**
     * Case managers of the case, and the identification authority for any case of the installation; an erased
     * case is not erased again.
     */
    private void requireErasableBy(MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData).orElse(null);
        boolean mayErase = actor != null && (actor.has(Role.IDENTIFICATION_AUTHORITY)
                || actor.has(Role.CASE_MANAGER) && file.access().fullViewFor(actor));
        if (!mayErase) {
            throw new AggregateNotFoundException(caseId.toString(), "No case " + caseId);
        }
        if (file.erased()) {
            throw RuleViolation.stateDoesNotAllow("the personal data of case " + caseId + " is already erased");
        }
    }

    private static SealedDataSubject seal(UUID caseId, DataSubject subject, PersonalData personalData) {
        PersonalData.Sealing sealing = personalData.sealing(caseId.toString());
        return new SealedDataSubject(sealing.seal(PersonalField.GIVEN_NAME, subject.givenName()),
                sealing.seal(PersonalField.FAMILY_NAME, subject.familyName()),
                sealing.seal(PersonalField.DATE_OF_BIRTH, subject.dateOfBirth()),
                subject.ageCategory(), subject.sex(), subject.citizenship());
    }

    /** A case outside the actor's scope does not exist for it: refused as not found, never as forbidden. */
    private void requireVisibleTo(MetaData metaData) {
        if (!file.access().visibleTo(Actor.fromMetadata(metaData).orElse(null))) {
            throw new AggregateNotFoundException(caseId.toString(), "No case " + caseId);
        }
    }

    /** A step checked before it is held for approval ({@link CaseCommands#CHECK_ONLY}): nothing is recorded. */
    private static boolean checkOnly(MetaData metaData) {
        return Boolean.TRUE.equals(metaData.get(CaseCommands.CHECK_ONLY));
    }

    private void requireOpen() {
        if (file.closed()) {
            throw RuleViolation.stateDoesNotAllow("case " + caseId + " is closed");
        }
    }

    private CaseStatus status() {
        return new CaseStatus(caseId, file.stage(), file.closed(), AggregateLifecycle.getVersion());
    }

    private AgeCategory ageCategory() {
        return file.dataSubject().ageCategory();
    }

    /** Every event of the case is folded by the one fold of a case's events, {@link CaseFile}. */
    @EventSourcingHandler
    void on(Object event, @SequenceNumber long sequence, @Timestamp Instant at) {
        file = CaseFile.fold(file, event, new CaseFile.EventMeta(sequence, at));
        if (event instanceof CaseFlagLifted lifted) {
            liftedFlags.add(lifted.flagId());
        } else if (event instanceof SamePersonLinked linked) {
            samePerson.add(linked.otherCaseId());
        } else if (event instanceof PossibleMatchDismissed dismissed) {
            notSamePerson.add(dismissed.otherCaseId());
        }
        caseId = UUID.fromString(file.id());
    }
}
