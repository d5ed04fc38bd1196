package org.nrmplatform.caseservice.conferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.cases.Case;
import org.nrmplatform.caseservice.cases.CaseCommands.RequireWorkable;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.Item;
import org.nrmplatform.caseservice.conferences.ConferenceCommands.RecordConference;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ActionItem;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ConferenceRecorded;
import org.nrmplatform.contracts.conferences.ConferenceEvents.Participant;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;

/**
 * A case conference, command by command: recorded as exactly its event with the note, the decisions and each
 * action item's description sealed, organisations, roles and dates in clear, or refused with the field that is
 * wrong; and the case, asked first, refuses a conference on a case the caller does not work or that is closed.
 */
class ConferenceTest {

    private static final String WELFARE = "3b0c8a52-7f2e-4f39-8d3a-5c8f0e2a9b11";
    private static final String SHELTER = "9d7e6f5a-1b2c-4d3e-8f4a-0b1c2d3e4f55";
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID CONFERENCE_ID = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final UUID TASK_ID = UUID.fromString("7a5c0000-0000-4000-8000-000000000001");
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant HELD = NOW.minus(2, ChronoUnit.HOURS);
    private static final Instant DUE = NOW.plus(7, ChronoUnit.DAYS);
    private static final String NOTE = "She fears her employer's brother, who lives near the shelter";
    private static final String DECISIONS = "Move her to the shelter in Subotica";
    private static final String WHAT = "Arrange the move and a psychologist's first session";
    private static final List<Participant> TABLE = List.of(new Participant(WELFARE, "CHAIR"),
            new Participant(SHELTER, "SHELTER"));

    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private FixtureConfiguration<Conference> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conference.class);
        fixture.registerInjectableResource(CodeLists.load());
        fixture.registerInjectableResource(PERSONAL_DATA);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aConferenceIsRecordedWithItsTextsSealedAndTheRecordingOrganisation() {
        fixture.givenNoPriorActivity()
                .when(record(TABLE, List.of(item(SHELTER, null, DUE))), actor(WELFARE, Role.CASE_MANAGER))
                .expectEvents(new ConferenceRecorded(CONFERENCE_ID, CASE_ID, HELD, WELFARE, TABLE,
                        seal(PersonalField.CONFERENCE_NOTE, NOTE), seal(PersonalField.CONFERENCE_DECISIONS, DECISIONS),
                        List.of(new ActionItem(TASK_ID, seal(PersonalField.CONFERENCE_ACTION_ITEM, WHAT), SHELTER, null,
                                DUE))));
        assertThat(seal(PersonalField.CONFERENCE_NOTE, NOTE).ciphertext()).doesNotContain("employer");
    }

    @Test
    void aRoleOutsideTheCodeListIsRefusedNamingTheParticipant() {
        fixture.givenNoPriorActivity()
                .when(record(List.of(new Participant(WELFARE, "CHAIR"), new Participant(SHELTER, "HOST")), List.of()),
                        actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "participants[1].role"));
    }

    @Test
    void aConferenceIsRecordedOnceHeldAndItsActionItemsAreDueAfterNow() {
        fixture.givenNoPriorActivity()
                .when(new RecordConference(CONFERENCE_ID, CASE_ID, NOW.plusSeconds(3600), TABLE, NOTE, null,
                        List.of()), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "heldAt"));
        fixture.givenNoPriorActivity()
                .when(record(TABLE, List.of(item(SHELTER, null, DUE), item(SHELTER, null, NOW.minusSeconds(60)))),
                        actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "actionItems[1].dueAt"));
    }

    @Test
    void anActionItemNamesAPersonOnlyOfTheRecordingOrganisation() {
        fixture.givenNoPriorActivity()
                .when(record(TABLE, List.of(item(SHELTER, "shelter-worker", DUE))), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "actionItems[0].owedByUserId"));
        fixture.givenNoPriorActivity()
                .when(record(TABLE, List.of(item(WELFARE, "colleague-1", DUE))), actor(WELFARE, Role.CASE_MANAGER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theSameOrganisationInTheSameRoleTwiceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(record(List.of(new Participant(SHELTER, "SHELTER"), new Participant(SHELTER, "SHELTER")),
                        List.of()), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "participants[1]"));
    }

    @Test
    void theCaseRefusesAConferenceOnACaseTheCallerDoesNotWorkOrThatIsClosed() {
        FixtureConfiguration<Case> cases = new AggregateTestFixture<>(Case.class);
        cases.registerInjectableResource(CodeLists.load());
        cases.registerInjectableResource(new IndicatorCatalogue());
        cases.registerInjectableResource(PERSONAL_DATA);
        cases.given(opened())
                .when(new RequireWorkable(CASE_ID), actor(SHELTER, Role.CASE_MANAGER))
                .expectNoEvents().expectException(AggregateNotFoundException.class);
        cases.given(opened(), new CaseClosed(CASE_ID, "REINTEGRATED", null, CaseStage.POTENTIAL_VICTIM))
                .when(new RequireWorkable(CASE_ID), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
        cases.given(opened())
                .when(new RequireWorkable(CASE_ID), actor(WELFARE, Role.FIRST_LINE))
                .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    private static RecordConference record(List<Participant> participants, List<Item> items) {
        return new RecordConference(CONFERENCE_ID, CASE_ID, HELD, participants, NOTE, DECISIONS, items);
    }

    private static Item item(String owedBy, String person, Instant dueAt) {
        return new Item(TASK_ID, WHAT, owedBy, person, dueAt);
    }

    private static CaseOpened opened() {
        return new CaseOpened(CASE_ID, "LABOUR_INSPECTION", Instant.parse("2025-03-10T09:30:00Z"),
                new ScreeningLocation("RS", "Novi Sad", null),
                new SealedDataSubject(seal(PersonalField.GIVEN_NAME, "Ana"), seal(PersonalField.FAMILY_NAME, "Popescu"),
                        PERSONAL_DATA.seal(CASE_ID, PersonalField.DATE_OF_BIRTH, LocalDate.of(1994, 5, 1)),
                        AgeCategory.ADULT, "Feminine", List.of("RO")),
                WELFARE);
    }

    private static Sealed seal(PersonalField field, String clear) {
        return PERSONAL_DATA.seal(CASE_ID, field, clear);
    }

    private static Map<String, Object> actor(String organisationId, Role... roles) {
        return new Actor("user-1", "client-1", organisationId, "csw", "RS", Set.of(roles)).toMetadata();
    }

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return Matchers.predicate(violation -> violation.kind() == kind && Objects.equals(violation.field(), field));
    }
}
