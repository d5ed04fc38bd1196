package org.nrmplatform.caseservice.cases;

import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.AssessmentResult;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.caseservice.cases.CaseCommands.AppointGuardian;
import org.nrmplatform.caseservice.cases.CaseCommands.CloseCase;
import org.nrmplatform.caseservice.cases.CaseCommands.DecideIdentification;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseSubject;
import org.nrmplatform.caseservice.cases.CaseCommands.FlagPresumedVictim;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCase;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordConsent;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordIndicatorAssessment;
import org.nrmplatform.caseservice.cases.CaseCommands.StartReflectionPeriod;
import org.nrmplatform.contracts.cases.ConsentDecision;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;

/**
 * The case aggregate, command by command, against the real code lists and indicator sets: every transition
 * records exactly its event, every refusal records nothing and says why (and whether it is a conflict with the
 * case's state or a broken rule).
 */
class CaseTest {

    private static final CodeLists CODE_LISTS = CodeLists.load();

    private static final String ORGANISATION = "3b0c8a52-7f2e-4f39-8d3a-5c8f0e2a9b11";
    private static final String OTHER_ORGANISATION = "9d7e6f5a-1b2c-4d3e-8f4a-0b1c2d3e4f55";
    /** A professional of the case's organisation holding the roles that act on a case. */
    private static final Map<String, Object> CASEWORKER = actor(ORGANISATION,
            Role.FIRST_LINE, Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY);
    private static final IndicatorCatalogue CATALOGUE = new IndicatorCatalogue();

    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID ASSESSMENT_ID = UUID.fromString("a1000000-0000-4000-8000-000000000001");
    private static final UUID CONSENT_ID = UUID.fromString("c1000000-0000-4000-8000-000000000001");
    private static final UUID OTHER_CONSENT_ID = UUID.fromString("c2000000-0000-4000-8000-000000000002");
    private static final Instant SCREENED_AT = Instant.parse("2025-03-10T09:30:00Z");
    private static final Instant ASSESSED_AT = Instant.parse("2025-03-10T11:00:00Z");
    private static final ScreeningLocation LOCATION = new ScreeningLocation("NL", "Rotterdam", "Waalhaven");
    private static final DataSubject ADULT = new DataSubject("Ana", "Popescu", LocalDate.of(1994, 5, 1),
            AgeCategory.ADULT, "Feminine", List.of("RO", "MD"));
    private static final DataSubject CHILD = new DataSubject("Mihai", "Ionescu", LocalDate.of(2010, 6, 1),
            AgeCategory.CHILD, "Masculine", List.of("RO"));

    /** One strong (LAB-01) and one weak (LAB-18) labour indicator present: reasonable grounds (minStrong 1). */
    private static final Map<String, IndicatorAnswer> LABOUR_ANSWERS = Map.of(
            "LAB-01", IndicatorAnswer.PRESENT, "LAB-18", IndicatorAnswer.PRESENT, "LAB-09", IndicatorAnswer.ABSENT);
    private static final AssessmentResult LABOUR_RESULT =
            new AssessmentResult(3, 2, 1, 1, List.of("LAB-01", "LAB-18"), true);
    private static final Map<String, IndicatorAnswer> CHILD_ANSWERS = Map.of(
            "CHD-07", IndicatorAnswer.PRESENT, "CHD-08", IndicatorAnswer.PRESENT, "CHD-01", IndicatorAnswer.UNKNOWN);
    private static final AssessmentResult CHILD_RESULT =
            new AssessmentResult(3, 2, 0, 2, List.of("CHD-07", "CHD-08"), true);

    /** Seals with a fixed nonce, so that the events a command records can be compared with the expected ones. */
    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(CODE_LISTS);
        fixture.registerInjectableResource(CATALOGUE);
        fixture.registerInjectableResource(PERSONAL_DATA);
    }

    private static Sealed seal(PersonalField field, String clear) {
        return PERSONAL_DATA.seal(CASE_ID, field, clear);
    }

    private static SealedDataSubject sealed(DataSubject subject) {
        return new SealedDataSubject(seal(PersonalField.GIVEN_NAME, subject.givenName()),
                seal(PersonalField.FAMILY_NAME, subject.familyName()),
                PERSONAL_DATA.seal(CASE_ID, PersonalField.DATE_OF_BIRTH, subject.dateOfBirth()),
                subject.ageCategory(), subject.sex(), subject.citizenship());
    }

    private static Map<String, Object> actor(String organisationId, Role... roles) {
        return new Actor("user-1", "client-1", organisationId, "police", "RS", Set.of(roles)).toMetadata();
    }

    // ---------------------------------------------------------------- history building blocks

    private static CaseOpened adultOpened() {
        return new CaseOpened(CASE_ID, "LABOUR_INSPECTION", SCREENED_AT, LOCATION, sealed(ADULT), ORGANISATION);
    }

    private static CaseOpened childOpened() {
        return new CaseOpened(CASE_ID, "SOCIAL_WELFARE", SCREENED_AT, LOCATION, sealed(CHILD), ORGANISATION);
    }

    private static IndicatorAssessmentRecorded labourAssessed() {
        return new IndicatorAssessmentRecorded(CASE_ID, ASSESSMENT_ID, "labour-v1", LABOUR_ANSWERS, ASSESSED_AT,
                LABOUR_RESULT);
    }

    private static IndicatorAssessmentRecorded childAssessed() {
        return new IndicatorAssessmentRecorded(CASE_ID, ASSESSMENT_ID, "child-v1", CHILD_ANSWERS, ASSESSED_AT,
                CHILD_RESULT);
    }

    private static PresumedVictimFlagged presumed() {
        return new PresumedVictimFlagged(CASE_ID,
                seal(PersonalField.PRESUMED_VICTIM_GROUNDS,
                        "debt bondage and withheld passport reported by the inspector"),
                ORGANISATION);
    }

    private static IdentificationDecided identified() {
        return new IdentificationDecided(CASE_ID, IdentificationOutcome.IDENTIFIED,
                seal(PersonalField.IDENTIFICATION_REASONS, "credible account"),
                List.of("ForcedLabour"), List.of("DebtBondage"));
    }

    private static IdentificationDecided notIdentified() {
        return new IdentificationDecided(CASE_ID, IdentificationOutcome.NOT_IDENTIFIED,
                seal(PersonalField.IDENTIFICATION_REASONS, "no exploitation found"),
                List.of(), List.of());
    }

    private static GuardianAppointed guardianAppointed() {
        return new GuardianAppointed(CASE_ID, seal(PersonalField.GUARDIAN_NAME, "Eva de Vries"), "Nidos", LocalDate.of(2025, 3, 11));
    }

    private static ConsentGiven consentGiven() {
        return new ConsentGiven(CASE_ID, CONSENT_ID, ConsentGiver.DATA_SUBJECT, List.of("REFERRAL"),
                List.of("SAFE_ACCOMMODATION"), "org-shelter-1",
                seal(PersonalField.CONSENT_NOTE, "explained in Romanian"));
    }

    private static ConsentWithdrawn consentWithdrawn() {
        return new ConsentWithdrawn(CASE_ID, CONSENT_ID,
                seal(PersonalField.CONSENT_WITHDRAWAL_NOTE, "no longer wishes to be referred"));
    }

    private static ReflectionPeriodStarted reflectionStarted() {
        return new ReflectionPeriodStarted(CASE_ID, LocalDate.of(2025, 3, 12), LocalDate.of(2025, 6, 10),
                "Art. 13 CETS 197");
    }

    private static CaseClosed closed() {
        return new CaseClosed(CASE_ID, "LOST_CONTACT", null, CaseStage.POTENTIAL_VICTIM);
    }

    // ---------------------------------------------------------------- commands

    private static OpenCase open(DataSubject subject) {
        return new OpenCase(CASE_ID, "LABOUR_INSPECTION", SCREENED_AT, LOCATION, subject, ORGANISATION);
    }

    private static DataSubject adultWith(LocalDate dateOfBirth, AgeCategory ageCategory, String sex,
                                         List<String> citizenship) {
        return new DataSubject("Ana", "Popescu", dateOfBirth, ageCategory, sex, citizenship);
    }

    private static RecordIndicatorAssessment assess(String setId, Map<String, IndicatorAnswer> answers) {
        return new RecordIndicatorAssessment(CASE_ID, ASSESSMENT_ID, setId, answers, ASSESSED_AT, null);
    }

    private static FlagPresumedVictim flagPresumed() {
        return new FlagPresumedVictim(CASE_ID, "debt bondage and withheld passport reported by the inspector",
                ORGANISATION, null);
    }

    private static DecideIdentification decide(IdentificationOutcome outcome, List<String> types,
                                               List<String> methods) {
        return new DecideIdentification(CASE_ID, outcome, "credible account", types, methods, null);
    }

    private static DecideIdentification decideIdentified() {
        return decide(IdentificationOutcome.IDENTIFIED, List.of("ForcedLabour"), List.of("DebtBondage"));
    }

    private static AppointGuardian appointGuardian() {
        return new AppointGuardian(CASE_ID, "Eva de Vries", "Nidos", LocalDate.of(2025, 3, 11), null);
    }

    private static RecordConsent give(UUID consentId, ConsentGiver givenBy, List<String> purposes,
                                      List<String> serviceTypes) {
        return new RecordConsent(CASE_ID, consentId, ConsentDecision.GIVEN, givenBy, purposes, serviceTypes,
                "org-shelter-1", "explained in Romanian", null);
    }

    private static RecordConsent giveByDataSubject() {
        return give(CONSENT_ID, ConsentGiver.DATA_SUBJECT, List.of("REFERRAL"), List.of("SAFE_ACCOMMODATION"));
    }

    private static RecordConsent withdraw(UUID consentId) {
        return new RecordConsent(CASE_ID, consentId, ConsentDecision.WITHDRAWN, ConsentGiver.DATA_SUBJECT,
                List.of(), List.of(), null, "no longer wishes to be referred", null);
    }

    private static StartReflectionPeriod startReflection(LocalDate start, LocalDate legalEnd) {
        return new StartReflectionPeriod(CASE_ID, start, legalEnd, "Art. 13 CETS 197", null);
    }

    private static StartReflectionPeriod startReflection() {
        return startReflection(LocalDate.of(2025, 3, 12), LocalDate.of(2025, 6, 10));
    }

    private static CaseStatus status(CaseStage stage, boolean closed, long version) {
        return new CaseStatus(CASE_ID, stage, closed, version);
    }

    // ---------------------------------------------------------------- refusals

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation item) {
                return item.kind() == kind && Objects.equals(item.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of kind ").appendValue(kind)
                        .appendText(" on field ").appendValue(field);
            }

            @Override
            protected void describeMismatchSafely(RuleViolation item, Description mismatch) {
                mismatch.appendText("was kind ").appendValue(item.kind()).appendText(" on field ")
                        .appendValue(item.field()).appendText(": ").appendValue(item.getMessage());
            }
        };
    }

    private static Matcher<RuleViolation> conflict() {
        return violation(Kind.STATE_DOES_NOT_ALLOW, null);
    }

    private static Matcher<RuleViolation> unprocessable(String field) {
        return violation(Kind.RULE_NOT_MET, field);
    }

    // ================================================================ opening

    @Test
    void aScreeningOpensACaseExactlyAsReported() {
        fixture.givenNoPriorActivity()
                .when(open(ADULT), CASEWORKER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CaseOpened(CASE_ID, "LABOUR_INSPECTION", SCREENED_AT, LOCATION, sealed(ADULT), ORGANISATION));
    }

    @Test
    void aCaseWithoutADateOfBirthOrCitizenshipCanBeOpened() {
        DataSubject unknownAge = adultWith(null, AgeCategory.CHILD, "NonSpecifiedUnknown", List.of());
        fixture.givenNoPriorActivity()
                .when(open(unknownAge), CASEWORKER)
                .expectEvents(new CaseOpened(CASE_ID, "LABOUR_INSPECTION", SCREENED_AT, LOCATION, sealed(unknownAge),
                        ORGANISATION));
    }

    @Test
    void aCaseCannotBeOpenedByAnUnknownDetectingSector() {
        fixture.givenNoPriorActivity()
                .when(new OpenCase(CASE_ID, "FORTUNE_TELLER", SCREENED_AT, LOCATION, ADULT, ORGANISATION), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("detectingSector"))
                .expectExceptionMessage(containsString("unknown detecting-sector code(s) [FORTUNE_TELLER]"));
    }

    @Test
    void aCaseCannotBeOpenedWithAnUnknownSex() {
        fixture.givenNoPriorActivity()
                .when(open(adultWith(LocalDate.of(1994, 5, 1), AgeCategory.ADULT, "female", List.of("RO"))), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("dataSubject.sex"))
                .expectExceptionMessage(containsString("unknown sex code(s) [female]"));
    }

    @Test
    void aCaseCannotBeScreenedInALocationThatIsNotACountry() {
        fixture.givenNoPriorActivity()
                .when(new OpenCase(CASE_ID, "LABOUR_INSPECTION", SCREENED_AT,
                        new ScreeningLocation("XX", "Nowhere", null), ADULT, ORGANISATION), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("location.country"))
                .expectExceptionMessage(containsString("'XX' is not an ISO 3166-1 alpha-2 country code"));
    }

    @Test
    void aDataSubjectCannotHoldTheCitizenshipOfAnUnknownCountry() {
        fixture.givenNoPriorActivity()
                .when(open(adultWith(LocalDate.of(1994, 5, 1), AgeCategory.ADULT, "Feminine", List.of("RO", "UK"))), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("dataSubject.citizenship"))
                .expectExceptionMessage(containsString("'UK' is not an ISO 3166-1 alpha-2 country code"));
    }

    @Test
    void aDataSubjectCannotBeBornAfterTheScreening() {
        fixture.givenNoPriorActivity()
                .when(open(adultWith(LocalDate.of(2025, 3, 11), AgeCategory.CHILD, "Feminine", List.of("RO"))), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("dataSubject.dateOfBirth"))
                .expectExceptionMessage(containsString("date of birth is after the screening"));
    }

    @Test
    void aDataSubjectWhoseDateOfBirthMakesThemAChildCannotBeRecordedAsAnAdult() {
        // turns 18 the day after the screening
        fixture.givenNoPriorActivity()
                .when(open(adultWith(LocalDate.of(2007, 3, 11), AgeCategory.ADULT, "Feminine", List.of("RO"))), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("dataSubject.ageCategory"))
                .expectExceptionMessage(containsString("record ageCategory CHILD"));
    }

    @Test
    void aDataSubjectWhoTurnedEighteenOnTheDayOfScreeningIsAnAdult() {
        DataSubject justAdult = adultWith(LocalDate.of(2007, 3, 10), AgeCategory.ADULT, "Feminine", List.of("RO"));
        fixture.givenNoPriorActivity()
                .when(open(justAdult), CASEWORKER)
                .expectEvents(new CaseOpened(CASE_ID, "LABOUR_INSPECTION", SCREENED_AT, LOCATION, sealed(justAdult),
                        ORGANISATION));
    }

    // ================================================================ indicator assessment

    @Test
    void anIndicatorAssessmentIsRecordedWithItsResult() {
        fixture.given(adultOpened())
                .when(assess("labour-v1", LABOUR_ANSWERS), CASEWORKER)
                .expectEvents(new IndicatorAssessmentRecorded(CASE_ID, ASSESSMENT_ID, "labour-v1", LABOUR_ANSWERS,
                        ASSESSED_AT, LABOUR_RESULT))
                .expectResultMessagePayload(new AssessmentRecorded(CASE_ID, ASSESSMENT_ID, LABOUR_RESULT,
                        status(CaseStage.POTENTIAL_VICTIM, false, 1)));
    }

    @Test
    void oneStrongLabourIndicatorIndicatesReasonableGrounds() {
        Map<String, IndicatorAnswer> answers = Map.of("LAB-05", IndicatorAnswer.PRESENT);
        fixture.given(adultOpened())
                .when(assess("labour-v1", answers), CASEWORKER)
                .expectEvents(new IndicatorAssessmentRecorded(CASE_ID, ASSESSMENT_ID, "labour-v1", answers,
                        ASSESSED_AT, new AssessmentResult(1, 1, 1, 1, List.of("LAB-05"), true)));
    }

    @Test
    void twoMediumLabourIndicatorsAndWeakOnesDoNotIndicateReasonableGrounds() {
        Map<String, IndicatorAnswer> answers = Map.of(
                "LAB-09", IndicatorAnswer.PRESENT, "LAB-10", IndicatorAnswer.PRESENT,
                "LAB-18", IndicatorAnswer.PRESENT, "LAB-19", IndicatorAnswer.PRESENT,
                "LAB-01", IndicatorAnswer.UNKNOWN, "LAB-02", IndicatorAnswer.ABSENT);
        AssessmentResult result = new AssessmentResult(6, 4, 0, 2, List.of("LAB-09", "LAB-10", "LAB-18", "LAB-19"),
                false);
        fixture.given(adultOpened())
                .when(assess("labour-v1", answers), CASEWORKER)
                .expectEvents(new IndicatorAssessmentRecorded(CASE_ID, ASSESSMENT_ID, "labour-v1", answers,
                        ASSESSED_AT, result))
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                        payload -> ((AssessmentRecorded) payload).result().equals(result)));
    }

    @Test
    void threeMediumLabourIndicatorsIndicateReasonableGrounds() {
        Map<String, IndicatorAnswer> answers = Map.of(
                "LAB-09", IndicatorAnswer.PRESENT, "LAB-12", IndicatorAnswer.PRESENT,
                "LAB-17", IndicatorAnswer.PRESENT);
        fixture.given(adultOpened())
                .when(assess("labour-v1", answers), CASEWORKER)
                .expectEvents(new IndicatorAssessmentRecorded(CASE_ID, ASSESSMENT_ID, "labour-v1", answers,
                        ASSESSED_AT, new AssessmentResult(3, 3, 0, 3, List.of("LAB-09", "LAB-12", "LAB-17"), true)));
    }

    @Test
    void aPresumedVictimCanStillBeAssessed() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(assess("labour-v1", LABOUR_ANSWERS), CASEWORKER)
                .expectEvents(labourAssessed())
                .expectResultMessagePayload(new AssessmentRecorded(CASE_ID, ASSESSMENT_ID, LABOUR_RESULT,
                        status(CaseStage.PRESUMED_VICTIM, false, 3)));
    }

    @Test
    void anAssessmentAgainstAnUnknownIndicatorSetIsRefused() {
        fixture.given(adultOpened())
                .when(assess("labour-v9", LABOUR_ANSWERS), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("indicatorSetId"))
                .expectExceptionMessage(containsString("no indicator set labour-v9"));
    }

    @Test
    void anAssessmentAnsweringAnIndicatorNotInItsSetIsRefused() {
        fixture.given(adultOpened())
                .when(assess("labour-v1", Map.of("LAB-01", IndicatorAnswer.PRESENT, "CHD-01", IndicatorAnswer.PRESENT)), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("answers"))
                .expectExceptionMessage(containsString("indicator code(s) [CHD-01] are not in set labour-v1"));
    }

    @Test
    void theChildIndicatorSetCannotBeUsedOnAnAdultsCase() {
        fixture.given(adultOpened())
                .when(assess("child-v1", CHILD_ANSWERS), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("indicatorSetId"))
                .expectExceptionMessage(containsString("indicator set child-v1 is for children's cases only"));
    }

    @Test
    void theChildIndicatorSetIsUsedOnAChildsCase() {
        fixture.given(childOpened())
                .when(assess("child-v1", CHILD_ANSWERS), CASEWORKER)
                .expectEvents(childAssessed())
                .expectResultMessagePayload(new AssessmentRecorded(CASE_ID, ASSESSMENT_ID, CHILD_RESULT,
                        status(CaseStage.POTENTIAL_VICTIM, false, 1)));
    }

    @Test
    void indicatorsCannotBeAssessedAfterTheIdentificationDecision() {
        fixture.given(adultOpened(), labourAssessed(), presumed(), identified())
                .when(assess("labour-v1", LABOUR_ANSWERS), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString(
                        "indicators are assessed before the identification decision; this case is IDENTIFIED_VICTIM"));
    }

    @Test
    void indicatorsCannotBeAssessedOnAClosedCase() {
        fixture.given(adultOpened(), closed())
                .when(assess("labour-v1", LABOUR_ANSWERS), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString("case " + CASE_ID + " is closed"));
    }

    // ================================================================ presumed victim

    @Test
    void anAssessedPotentialVictimIsFlaggedAsPresumedVictim() {
        fixture.given(adultOpened(), labourAssessed())
                .when(flagPresumed(), CASEWORKER)
                .expectEvents(presumed())
                .expectResultMessagePayload(status(CaseStage.PRESUMED_VICTIM, false, 2));
    }

    @Test
    void aPresumedVictimCannotBeFlaggedWithoutAnIndicatorAssessment() {
        fixture.given(adultOpened())
                .when(flagPresumed(), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable(null))
                .expectExceptionMessage(containsString(
                        "record an indicator assessment before flagging a presumed victim"));
    }

    @Test
    void aPresumedVictimCannotBeFlaggedTwice() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(flagPresumed(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString(
                        "only a potential victim can be flagged as presumed victim; this case is PRESUMED_VICTIM"));
    }

    @Test
    void aClosedCaseCannotBeFlaggedAsPresumedVictim() {
        fixture.given(adultOpened(), labourAssessed(), closed())
                .when(flagPresumed(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString("case " + CASE_ID + " is closed"));
    }

    // ================================================================ identification decision

    @Test
    void aPresumedVictimIsIdentified() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(decide(IdentificationOutcome.IDENTIFIED, List.of("ForcedLabour", "Servitude"),
                        List.of("DebtBondage", "WithholdsDocuments")), CASEWORKER)
                .expectEvents(new IdentificationDecided(CASE_ID, IdentificationOutcome.IDENTIFIED,
                seal(PersonalField.IDENTIFICATION_REASONS, "credible account"),
                        List.of("ForcedLabour", "Servitude"), List.of("DebtBondage", "WithholdsDocuments")))
                .expectResultMessagePayload(status(CaseStage.IDENTIFIED_VICTIM, false, 3));
    }

    @Test
    void aPresumedVictimIsNotIdentifiedWithoutNamingAnyExploitation() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(new DecideIdentification(CASE_ID, IdentificationOutcome.NOT_IDENTIFIED, "no exploitation found",
                        List.of(), List.of(), null), CASEWORKER)
                .expectEvents(notIdentified())
                .expectResultMessagePayload(status(CaseStage.NOT_IDENTIFIED, false, 3));
    }

    @Test
    void aPotentialVictimCannotBeDecidedBeforeBeingPresumed() {
        fixture.given(adultOpened(), labourAssessed())
                .when(decideIdentified(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString(
                        "the identification decision follows the presumed-victim flag; this case is POTENTIAL_VICTIM"));
    }

    @Test
    void aChildsCaseCannotBeDecidedWithoutAGuardian() {
        fixture.given(childOpened(), childAssessed(), presumed())
                .when(decideIdentified(), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable(null))
                .expectExceptionMessage(containsString(
                        "a child's case cannot be decided before a guardian is appointed"));
    }

    @Test
    void aChildsCaseIsDecidedOnceAGuardianIsAppointed() {
        fixture.given(childOpened(), guardianAppointed(), childAssessed(), presumed())
                .when(decideIdentified(), CASEWORKER)
                .expectEvents(identified())
                .expectResultMessagePayload(status(CaseStage.IDENTIFIED_VICTIM, false, 4));
    }

    @Test
    void anIdentificationCannotNameAnUnknownTypeOfExploitation() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(decide(IdentificationOutcome.IDENTIFIED, List.of("ForcedLabour", "Piracy"),
                        List.of("DebtBondage")), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("typesOfExploitation"))
                .expectExceptionMessage(containsString("unknown type-of-exploitation code(s) [Piracy]"));
    }

    @Test
    void anIdentificationCannotNameAnUnknownMethodOfControl() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(decide(IdentificationOutcome.IDENTIFIED, List.of("ForcedLabour"), List.of("Hypnosis")), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("methodsOfControl"))
                .expectExceptionMessage(containsString("unknown method-of-control code(s) [Hypnosis]"));
    }

    @Test
    void anIdentifiedVictimsDecisionNamesAtLeastOneTypeOfExploitation() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(decide(IdentificationOutcome.IDENTIFIED, List.of(), List.of("DebtBondage")), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("typesOfExploitation"))
                .expectExceptionMessage(containsString(
                        "an identified victim's decision names at least one type of exploitation"));
    }

    @Test
    void anIdentificationCannotBeDecidedTwice() {
        fixture.given(adultOpened(), labourAssessed(), presumed(), notIdentified())
                .when(decideIdentified(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString(
                        "the identification decision follows the presumed-victim flag; this case is NOT_IDENTIFIED"));
    }

    // ================================================================ guardian

    @Test
    void aGuardianIsAppointedForAChild() {
        fixture.given(childOpened())
                .when(appointGuardian(), CASEWORKER)
                .expectEvents(guardianAppointed())
                .expectResultMessagePayload(status(CaseStage.POTENTIAL_VICTIM, false, 1));
    }

    @Test
    void anAdultIsNotAppointedAGuardian() {
        fixture.given(adultOpened())
                .when(appointGuardian(), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable(null))
                .expectExceptionMessage(containsString(
                        "a guardian is appointed for a child; this data subject is an adult"));
    }

    // ================================================================ consent

    @Test
    void anAdultGivesConsent() {
        fixture.given(adultOpened())
                .when(giveByDataSubject(), CASEWORKER)
                .expectEvents(consentGiven())
                .expectResultMessagePayload(status(CaseStage.POTENTIAL_VICTIM, false, 1));
    }

    @Test
    void consentWithoutServiceTypesCoversEveryServiceOfItsPurposes() {
        fixture.given(adultOpened())
                .when(give(CONSENT_ID, ConsentGiver.DATA_SUBJECT, List.of("REFERRAL", "INFORMATION_SHARING"),
                        List.of()), CASEWORKER)
                .expectEvents(new ConsentGiven(CASE_ID, CONSENT_ID, ConsentGiver.DATA_SUBJECT,
                        List.of("REFERRAL", "INFORMATION_SHARING"), List.of(), "org-shelter-1",
                        seal(PersonalField.CONSENT_NOTE, "explained in Romanian")));
    }

    @Test
    void theAppointedGuardianGivesConsentForAChild() {
        fixture.given(childOpened(), guardianAppointed())
                .when(give(CONSENT_ID, ConsentGiver.GUARDIAN, List.of("REFERRAL"), List.of("CHILD_PROTECTION")), CASEWORKER)
                .expectEvents(new ConsentGiven(CASE_ID, CONSENT_ID, ConsentGiver.GUARDIAN, List.of("REFERRAL"),
                        List.of("CHILD_PROTECTION"), "org-shelter-1",
                seal(PersonalField.CONSENT_NOTE, "explained in Romanian")))
                .expectResultMessagePayload(status(CaseStage.POTENTIAL_VICTIM, false, 2));
    }

    @Test
    void aChildCannotGiveConsentThemselves() {
        fixture.given(childOpened(), guardianAppointed())
                .when(give(CONSENT_ID, ConsentGiver.DATA_SUBJECT, List.of("REFERRAL"), List.of()), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("givenBy"))
                .expectExceptionMessage(containsString("a child's consent is given by the appointed guardian"));
    }

    @Test
    void consentCannotBeGivenByAGuardianWhoWasNeverAppointed() {
        fixture.given(adultOpened())
                .when(give(CONSENT_ID, ConsentGiver.GUARDIAN, List.of("REFERRAL"), List.of()), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("givenBy"))
                .expectExceptionMessage(containsString("no guardian has been appointed for this case"));
    }

    @Test
    void aChildsGuardianCannotConsentBeforeBeingAppointed() {
        fixture.given(childOpened())
                .when(give(CONSENT_ID, ConsentGiver.GUARDIAN, List.of("REFERRAL"), List.of()), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("givenBy"))
                .expectExceptionMessage(containsString("no guardian has been appointed for this case"));
    }

    @Test
    void consentCannotBeGivenForAnUnknownPurpose() {
        fixture.given(adultOpened())
                .when(give(CONSENT_ID, ConsentGiver.DATA_SUBJECT, List.of("REFERRAL", "MARKETING"), List.of()), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("purposes"))
                .expectExceptionMessage(containsString("unknown consent-purpose code(s) [MARKETING]"));
    }

    @Test
    void consentCannotNameAnUnknownServiceType() {
        fixture.given(adultOpened())
                .when(give(CONSENT_ID, ConsentGiver.DATA_SUBJECT, List.of("REFERRAL"), List.of("SPA_TREATMENT")), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("serviceTypes"))
                .expectExceptionMessage(containsString("unknown service-type code(s) [SPA_TREATMENT]"));
    }

    @Test
    void aConsentIdCannotBeRecordedTwice() {
        fixture.given(adultOpened(), consentGiven())
                .when(giveByDataSubject(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString("consent " + CONSENT_ID + " is already recorded"));
    }

    @Test
    void aWithdrawnConsentIsNotGivenAgainUnderTheSameId() {
        fixture.given(adultOpened(), consentGiven(), consentWithdrawn())
                .when(giveByDataSubject(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString("record a new consent with a new id"));
    }

    @Test
    void consentIsWithdrawn() {
        fixture.given(adultOpened(), consentGiven())
                .when(withdraw(CONSENT_ID), CASEWORKER)
                .expectEvents(consentWithdrawn())
                .expectResultMessagePayload(status(CaseStage.POTENTIAL_VICTIM, false, 2));
    }

    @Test
    void aConsentTheCaseDoesNotHoldCannotBeWithdrawn() {
        fixture.given(adultOpened(), consentGiven())
                .when(withdraw(OTHER_CONSENT_ID), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("consentId"))
                .expectExceptionMessage(containsString("this case has no consent " + OTHER_CONSENT_ID));
    }

    @Test
    void consentCannotBeWithdrawnTwice() {
        fixture.given(adultOpened(), consentGiven(), consentWithdrawn())
                .when(withdraw(CONSENT_ID), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("consentId"))
                .expectExceptionMessage(containsString("consent " + CONSENT_ID + " is already withdrawn"));
    }

    // ================================================================ reflection period

    @Test
    void aPresumedVictimIsGrantedAReflectionPeriod() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(startReflection(), CASEWORKER)
                .expectEvents(reflectionStarted())
                .expectResultMessagePayload(status(CaseStage.PRESUMED_VICTIM, false, 3));
    }

    @Test
    void anIdentifiedVictimIsGrantedAReflectionPeriod() {
        fixture.given(adultOpened(), labourAssessed(), presumed(), identified())
                .when(startReflection(), CASEWORKER)
                .expectEvents(reflectionStarted())
                .expectResultMessagePayload(status(CaseStage.IDENTIFIED_VICTIM, false, 4));
    }

    @Test
    void aPotentialVictimIsNotYetGrantedAReflectionPeriod() {
        fixture.given(adultOpened(), labourAssessed())
                .when(startReflection(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString(
                        "a reflection period is granted to a presumed or identified victim; this case is POTENTIAL_VICTIM"));
    }

    @Test
    void aVictimNotIdentifiedIsNotGrantedAReflectionPeriod() {
        fixture.given(adultOpened(), labourAssessed(), presumed(), notIdentified())
                .when(startReflection(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString("this case is NOT_IDENTIFIED"));
    }

    @Test
    void aReflectionPeriodIsStartedOnlyOnce() {
        fixture.given(adultOpened(), labourAssessed(), presumed(), reflectionStarted(), identified())
                .when(startReflection(), CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString(
                        "a reflection period has already been started for this case"));
    }

    @Test
    void aReflectionPeriodMustEndAfterItStarts() {
        LocalDate day = LocalDate.of(2025, 3, 12);
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(startReflection(day, day), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("legalEndDate"))
                .expectExceptionMessage(containsString("the legal end date must be after the start date"));
    }

    // ================================================================ closure

    @Test
    void aCaseIsClosedInTheStageItReached() {
        fixture.given(adultOpened(), labourAssessed(), presumed(), identified())
                .when(new CloseCase(CASE_ID, "REINTEGRATED", "back in employment", null), CASEWORKER)
                .expectEvents(new CaseClosed(CASE_ID, "REINTEGRATED", seal(PersonalField.CLOSURE_NOTE, "back in employment"),
                        CaseStage.IDENTIFIED_VICTIM))
                .expectResultMessagePayload(status(CaseStage.IDENTIFIED_VICTIM, true, 4));
    }

    @Test
    void aPotentialVictimsCaseCanBeClosed() {
        fixture.given(adultOpened())
                .when(new CloseCase(CASE_ID, "LOST_CONTACT", null, null), CASEWORKER)
                .expectEvents(closed())
                .expectResultMessagePayload(status(CaseStage.POTENTIAL_VICTIM, true, 1));
    }

    /** A step checked before it is held for approval: judged as it would be, nothing recorded. */
    @Test
    void aClosureCheckedOnlyRecordsNothing() {
        Map<String, Object> checkOnly = new java.util.HashMap<>(CASEWORKER);
        checkOnly.put(CaseCommands.CHECK_ONLY, true);
        fixture.given(adultOpened())
                .when(new CloseCase(CASE_ID, "LOST_CONTACT", null, null), checkOnly)
                .expectNoEvents()
                .expectResultMessagePayload(status(CaseStage.POTENTIAL_VICTIM, false, 0));
        fixture.given(adultOpened(), closed())
                .when(new CloseCase(CASE_ID, "LOST_CONTACT", null, null), checkOnly)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("is closed"));
    }

    @Test
    void aDecisionAndAnErasureCheckedOnlyRecordNothing() {
        Map<String, Object> checkOnly = new java.util.HashMap<>(CASEWORKER);
        checkOnly.put(CaseCommands.CHECK_ONLY, true);
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(new DecideIdentification(CASE_ID, IdentificationOutcome.IDENTIFIED, "forced labour",
                        List.of("ForcedLabour"), List.of(), null), checkOnly)
                .expectNoEvents()
                .expectResultMessagePayload(status(CaseStage.PRESUMED_VICTIM, false, 2));
        fixture.given(adultOpened())
                .when(new EraseSubject(CASE_ID, new LegalBasis("GDPR Art. 17", "the data subject")), checkOnly)
                .expectNoEvents()
                .expectResultMessagePayload(status(CaseStage.POTENTIAL_VICTIM, false, 0));
    }

    @Test
    void aCaseCannotBeClosedForAnUnknownReason() {
        fixture.given(adultOpened())
                .when(new CloseCase(CASE_ID, "BORED", null, null), CASEWORKER)
                .expectNoEvents()
                .expectException(unprocessable("reason"))
                .expectExceptionMessage(containsString("unknown closure-reason code(s) [BORED]"));
    }

    /**
     * A history in which each command below would otherwise be accepted (or refused for another reason), so
     * the refusal can only come from the case being closed.
     */
    static Stream<Arguments> commandsOnAClosedCase() {
        return Stream.of(
                Arguments.of("record an indicator assessment", assess("child-v1", CHILD_ANSWERS)),
                Arguments.of("flag a presumed victim", flagPresumed()),
                Arguments.of("decide the identification", decideIdentified()),
                Arguments.of("appoint a guardian", appointGuardian()),
                Arguments.of("give consent", give(OTHER_CONSENT_ID, ConsentGiver.GUARDIAN, List.of("REFERRAL"),
                        List.of())),
                Arguments.of("withdraw consent", withdraw(CONSENT_ID)),
                Arguments.of("start a reflection period", startReflection()),
                Arguments.of("close the case again", new CloseCase(CASE_ID, "OTHER", null, null)));
    }

    @ParameterizedTest(name = "a closed case refuses to {0}")
    @MethodSource("commandsOnAClosedCase")
    void aClosedCaseRefusesEveryCommand(String what, Object command) {
        fixture.given(childOpened(), guardianAppointed(), childAssessed(),
                        new ConsentGiven(CASE_ID, CONSENT_ID, ConsentGiver.GUARDIAN, List.of("REFERRAL"), List.of(),
                                null, null),
                        closed())
                .when(command, CASEWORKER)
                .expectNoEvents()
                .expectException(conflict())
                .expectExceptionMessage(containsString("case " + CASE_ID + " is closed"));
    }

    // ================================================================ versions

    @Test
    void theVersionACommandAnswersCountsTheCasesEvents() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(decideIdentified(), CASEWORKER)
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                        payload -> ((CaseStatus) payload).version() == 3L));
    }

    @Test
    void eachEventRaisesTheVersionByOne() {
        fixture.given(adultOpened(), consentGiven(), consentWithdrawn(), labourAssessed(), labourAssessed())
                .when(flagPresumed(), CASEWORKER)
                .expectResultMessagePayload(status(CaseStage.PRESUMED_VICTIM, false, 5));
    }

    // ---------------------------------------------------------------- need-to-know

    @Test
    void aFirstLineProfessionalOfAnotherOrganisationDoesNotFindTheCase() {
        fixture.given(adultOpened())
                .when(assess("labour-v1", LABOUR_ANSWERS), actor(OTHER_ORGANISATION, Role.FIRST_LINE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aCommandWithoutAnActorFindsNoCase() {
        fixture.given(adultOpened())
                .when(assess("labour-v1", LABOUR_ANSWERS))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void anIdentificationAuthorityDoesNotFindACaseBeforeAPresumedVictimIsFlagged() {
        fixture.given(adultOpened(), labourAssessed())
                .when(decide(IdentificationOutcome.IDENTIFIED, List.of("ForcedLabour"), List.of()),
                        actor(OTHER_ORGANISATION, Role.IDENTIFICATION_AUTHORITY))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void anIdentificationAuthorityOfAnyOrganisationDecidesOnAPresumedVictim() {
        fixture.given(adultOpened(), labourAssessed(), presumed())
                .when(decide(IdentificationOutcome.IDENTIFIED, List.of("ForcedLabour"), List.of()),
                        actor(OTHER_ORGANISATION, Role.IDENTIFICATION_AUTHORITY))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theResponsibleCaseManagerOrganisationFindsTheCaseOnceFlagged() {
        fixture.given(adultOpened(), labourAssessed(), new PresumedVictimFlagged(CASE_ID,
                        seal(PersonalField.PRESUMED_VICTIM_GROUNDS, "grounds"), OTHER_ORGANISATION))
                .when(new StartReflectionPeriod(CASE_ID, LocalDate.of(2025, 3, 12), LocalDate.of(2025, 6, 10),
                        "art. 13", null), actor(OTHER_ORGANISATION, Role.CASE_MANAGER))
                .expectSuccessfulHandlerExecution();
    }

    // ================================================================ erasure

    private static final LegalBasis ERASURE_REQUEST = new LegalBasis("GDPR Art. 17 request 2025/114",
            "the data subject");

    @Test
    void theCaseManagerOfTheCaseErasesItsDataSubjectOnALegalBasis() {
        fixture.given(adultOpened(), labourAssessed(), presumed(), closed())
                .when(new EraseSubject(CASE_ID, ERASURE_REQUEST), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectEvents(new SubjectErased(CASE_ID, ERASURE_REQUEST))
                .expectResultMessagePayload(status(CaseStage.PRESUMED_VICTIM, true, 4));
    }

    @Test
    void anIdentificationAuthorityErasesAnyCaseOfTheInstallation() {
        fixture.given(adultOpened())
                .when(new EraseSubject(CASE_ID, ERASURE_REQUEST), actor(OTHER_ORGANISATION,
                        Role.IDENTIFICATION_AUTHORITY))
                .expectEvents(new SubjectErased(CASE_ID, ERASURE_REQUEST));
    }

    @Test
    void aSubjectIsErasedOnce() {
        fixture.given(adultOpened(), new SubjectErased(CASE_ID, ERASURE_REQUEST))
                .when(new EraseSubject(CASE_ID, ERASURE_REQUEST), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(conflict());
    }

    @Test
    void firstLineAndOtherCaseManagersCannotEraseAndDoNotLearnTheCaseExists() {
        fixture.given(adultOpened())
                .when(new EraseSubject(CASE_ID, ERASURE_REQUEST), actor(ORGANISATION, Role.FIRST_LINE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
        fixture.given(adultOpened())
                .when(new EraseSubject(CASE_ID, ERASURE_REQUEST), actor(OTHER_ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
