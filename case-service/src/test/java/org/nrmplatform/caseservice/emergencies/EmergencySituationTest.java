package org.nrmplatform.caseservice.emergencies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.cases.Case;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCase;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCaseInEmergency;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.LocateSituation;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.Place;
import org.nrmplatform.caseservice.emergencies.EmergencyCommands.RegisterEmergencySituation;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.AssessmentResult;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.emergencies.EmergencyEvents.EmergencySituationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;

/**
 * An emergency situation and the cases of its persons, command by command: the situation is registered as exactly
 * its event or refused naming the field; a person registered rapidly becomes a case whose opening, link to the
 * situation (temporary reference sealed) and rapid assessment are recorded together, or nothing is.
 */
class EmergencySituationTest {

    private static final String POLICE = "3b0c8a52-7f2e-4f39-8d3a-5c8f0e2a9b11";
    private static final UUID SITUATION_ID = UUID.fromString("e0000000-0000-4000-8000-000000000001");
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID ASSESSMENT_ID = UUID.fromString("a1000000-0000-4000-8000-000000000001");
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final String DESCRIPTION = "Raid on a greenhouse complex, 14 workers found in containers";
    private static final ScreeningLocation PLACE = new ScreeningLocation("RS", "Subotica", null);
    private static final DataSubject ON_SITE = new DataSubject(null, null, null, AgeCategory.ADULT, "Masculine",
            List.of("IN"));
    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private FixtureConfiguration<EmergencySituation> situations;
    private FixtureConfiguration<Case> cases;

    @BeforeEach
    void setUp() {
        situations = new AggregateTestFixture<>(EmergencySituation.class);
        situations.registerInjectableResource(CodeLists.load());
        situations.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        cases = new AggregateTestFixture<>(Case.class);
        cases.registerInjectableResource(CodeLists.load());
        cases.registerInjectableResource(new IndicatorCatalogue());
        cases.registerInjectableResource(PERSONAL_DATA);
    }

    @Test
    void aSituationIsRegisteredWithTheRegisteringOrganisationAndAnswersWhereItIs() {
        situations.givenNoPriorActivity()
                .when(new RegisterEmergencySituation(SITUATION_ID, "RAID", "RS", " Subotica ", TODAY, DESCRIPTION),
                        actor(Role.FIRST_LINE))
                .expectEvents(new EmergencySituationRegistered(SITUATION_ID, "RAID", "RS", "Subotica", TODAY, POLICE,
                        DESCRIPTION));
        situations.given(registered())
                .when(new LocateSituation(SITUATION_ID), actor(Role.FIRST_LINE))
                .expectNoEvents().expectResultMessagePayload(new Place("RS", "Subotica"));
    }

    @Test
    void aSituationOutsideTheCodeListsOrNotYetStartedIsRefusedNamingTheField() {
        situations.givenNoPriorActivity()
                .when(new RegisterEmergencySituation(SITUATION_ID, "PARTY", "RS", "Subotica", TODAY, null),
                        actor(Role.FIRST_LINE))
                .expectNoEvents().expectException(violation("kind"));
        situations.givenNoPriorActivity()
                .when(new RegisterEmergencySituation(SITUATION_ID, "RAID", "QQ", "Subotica", TODAY, null),
                        actor(Role.FIRST_LINE))
                .expectNoEvents().expectException(violation("country"));
        situations.givenNoPriorActivity()
                .when(new RegisterEmergencySituation(SITUATION_ID, "RAID", "RS", "Subotica", TODAY.plusDays(3), null),
                        actor(Role.FIRST_LINE))
                .expectNoEvents().expectException(violation("startedOn"));
    }

    @Test
    void aPersonRegisteredRapidlyIsACaseOpenedLinkedToTheSituationAndAssessedWithTheRapidSet() {
        Map<String, IndicatorAnswer> answers = Map.of("RAP-01", IndicatorAnswer.PRESENT,
                "RAP-05", IndicatorAnswer.PRESENT, "RAP-06", IndicatorAnswer.UNKNOWN);
        cases.givenNoPriorActivity()
                .when(person("W-07", List.of("MEDICAL"), answers), actor(Role.FIRST_LINE))
                .expectEvents(
                        new CaseOpened(CASE_ID, "POLICE", NOW, PLACE, new SealedDataSubject(null, null, null,
                                AgeCategory.ADULT, "Masculine", List.of("IN")), POLICE),
                        new CaseRegisteredInEmergency(CASE_ID, SITUATION_ID,
                                PERSONAL_DATA.seal(CASE_ID, PersonalField.EMERGENCY_TEMPORARY_REFERENCE, "W-07"),
                                List.of("pa", "hi"), List.of("MEDICAL")),
                        new IndicatorAssessmentRecorded(CASE_ID, ASSESSMENT_ID, Case.RAPID_SET, answers, NOW,
                                new AssessmentResult(3, 2, 1, 2, List.of("RAP-01", "RAP-05"), true)));
        assertThat(PERSONAL_DATA.seal(CASE_ID, PersonalField.EMERGENCY_TEMPORARY_REFERENCE, "W-07").ciphertext())
                .doesNotContain("W-07");
    }

    @Test
    void aPersonWithoutAnswersIsOpenedAndLinkedOnly() {
        cases.givenNoPriorActivity()
                .when(person(null, List.of(), Map.of()), actor(Role.FIRST_LINE))
                .expectEvents(
                        new CaseOpened(CASE_ID, "POLICE", NOW, PLACE, new SealedDataSubject(null, null, null,
                                AgeCategory.ADULT, "Masculine", List.of("IN")), POLICE),
                        new CaseRegisteredInEmergency(CASE_ID, SITUATION_ID, null, List.of("pa", "hi"), List.of()));
    }

    @Test
    void aWrongNeedLanguageOrIndicatorStoresNothingOfThePerson() {
        cases.givenNoPriorActivity()
                .when(person("W-08", List.of("PIZZA"), Map.of()), actor(Role.FIRST_LINE))
                .expectNoEvents().expectException(violation("immediateNeeds"));
        cases.givenNoPriorActivity()
                .when(new OpenCaseInEmergency(CASE_ID, opening(), SITUATION_ID, "W-08", List.of("Punjabi"), List.of(),
                        ASSESSMENT_ID, Map.of()), actor(Role.FIRST_LINE))
                .expectNoEvents().expectException(violation("languages"));
        cases.givenNoPriorActivity()
                .when(person("W-08", List.of(), Map.of("LAB-01", IndicatorAnswer.PRESENT)), actor(Role.FIRST_LINE))
                .expectNoEvents().expectException(violation("answers"));
    }

    private static OpenCase opening() {
        return new OpenCase(CASE_ID, "POLICE", NOW, PLACE, ON_SITE, POLICE);
    }

    private static OpenCaseInEmergency person(String reference, List<String> needs,
                                              Map<String, IndicatorAnswer> answers) {
        return new OpenCaseInEmergency(CASE_ID, opening(), SITUATION_ID, reference, List.of("pa", "hi"), needs,
                ASSESSMENT_ID, answers);
    }

    private static EmergencySituationRegistered registered() {
        return new EmergencySituationRegistered(SITUATION_ID, "RAID", "RS", "Subotica", TODAY, POLICE, DESCRIPTION);
    }

    private static Map<String, Object> actor(Role... roles) {
        return new Actor("user-1", "client-1", POLICE, "police", "RS", Set.of(roles)).toMetadata();
    }

    private static Matcher<RuleViolation> violation(String field) {
        return Matchers.predicate(violation -> violation.kind() == Kind.RULE_NOT_MET
                && Objects.equals(violation.field(), field));
    }
}
