package org.nrmplatform.caseservice.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.cases.CaseCommands.LiftFlag;
import org.nrmplatform.caseservice.cases.CaseCommands.RaiseFlag;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagLifted;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagRaised;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
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
 * Flags on a case: a warning with a category and a sealed reason, raised and lifted (with a reason) by the
 * professionals who see the case, each recorded as exactly its event or refused with the reason; and the
 * case's one fold keeps the active ones.
 */
class CaseFlagsTest {

    private static final String ORGANISATION = "3b0c8a52-7f2e-4f39-8d3a-5c8f0e2a9b11";
    private static final String OTHER_ORGANISATION = "9d7e6f5a-1b2c-4d3e-8f4a-0b1c2d3e4f55";
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID FLAG_ID = UUID.fromString("f1000000-0000-4000-8000-000000000001");
    private static final UUID OTHER_FLAG_ID = UUID.fromString("f2000000-0000-4000-8000-000000000002");
    private static final String RISK = "the trafficker knows the address of the shelter";
    private static final String ENDED = "the trafficker was arrested on 3 April";

    /** Seals with a fixed nonce, so that the events a command records can be compared with the expected ones. */
    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(CodeLists.load());
        fixture.registerInjectableResource(new IndicatorCatalogue());
        fixture.registerInjectableResource(PERSONAL_DATA);
    }

    // ---------------------------------------------------------------- raising

    @Test
    void aCaseManagerRaisesAFlagWithItsCategoryAndTheReasonSealed() {
        fixture.given(opened())
                .when(raise(FLAG_ID, "SAFETY_RISK", RISK), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectEvents(raised(FLAG_ID, "SAFETY_RISK", RISK))
                .expectResultMessagePayload(new CaseStatus(CASE_ID, CaseStage.POTENTIAL_VICTIM, false, 1L));
        assertThat(raised(FLAG_ID, "SAFETY_RISK", RISK).reason().ciphertext()).doesNotContain("trafficker");
    }

    @Test
    void theFirstLineProfessionalWhoOpenedTheCaseRaisesAFlag() {
        fixture.given(opened())
                .when(raise(FLAG_ID, "INTERPRETER_NEEDED", "speaks Romanian only"),
                        actor(ORGANISATION, Role.FIRST_LINE))
                .expectEvents(raised(FLAG_ID, "INTERPRETER_NEEDED", "speaks Romanian only"));
    }

    @Test
    void anIdentificationAuthorityRaisesAFlagOnAPresumedVictimsCaseOfAnyOrganisation() {
        fixture.given(opened(), presumed())
                .when(new RaiseFlag(CASE_ID, FLAG_ID, "DO_NOT_CONTACT_AT_HOME", "lives with the recruiter",
                        OTHER_ORGANISATION, null), actor(OTHER_ORGANISATION, Role.IDENTIFICATION_AUTHORITY))
                .expectEvents(new CaseFlagRaised(CASE_ID, FLAG_ID, "DO_NOT_CONTACT_AT_HOME",
                        seal(PersonalField.FLAG_REASON, "lives with the recruiter"), OTHER_ORGANISATION));
    }

    @Test
    void aCaseOutsideTheCallersScopeIsNotFound() {
        fixture.given(opened())
                .when(raise(FLAG_ID, "SAFETY_RISK", RISK), actor(OTHER_ORGANISATION, Role.FIRST_LINE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
        fixture.given(opened())
                .when(raise(FLAG_ID, "SAFETY_RISK", RISK), actor(OTHER_ORGANISATION, Role.IDENTIFICATION_AUTHORITY))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aFlagNeedsACategoryOfTheCodeList() {
        fixture.given(opened())
                .when(raise(FLAG_ID, "BAD_VIBES", RISK), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.RULE_NOT_MET, "category"))
                .expectExceptionMessage(containsString("flag-category"));
    }

    @Test
    void aFlagNeedsAReason() {
        fixture.given(opened())
                .when(raise(FLAG_ID, "SAFETY_RISK", " "), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.RULE_NOT_MET, "reason"));
    }

    @Test
    void aFlagIdIsRaisedOnceEvenAfterItWasLifted() {
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK))
                .when(raise(FLAG_ID, "SAFETY_RISK", RISK), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK), lifted(FLAG_ID, ENDED))
                .when(raise(FLAG_ID, "SAFETY_RISK", RISK), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    // ---------------------------------------------------------------- lifting

    @Test
    void aFlagIsLiftedWithTheReasonSealed() {
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK))
                .when(new LiftFlag(CASE_ID, FLAG_ID, ENDED, null), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectEvents(lifted(FLAG_ID, ENDED))
                .expectResultMessagePayload(new CaseStatus(CASE_ID, CaseStage.POTENTIAL_VICTIM, false, 2L));
    }

    @Test
    void liftingAFlagNeedsAReason() {
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK))
                .when(new LiftFlag(CASE_ID, FLAG_ID, null, null), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.RULE_NOT_MET, "reason"));
    }

    @Test
    void aFlagTheCaseDoesNotHoldCannotBeLifted() {
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK))
                .when(new LiftFlag(CASE_ID, OTHER_FLAG_ID, ENDED, null), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.RULE_NOT_MET, "flagId"));
    }

    @Test
    void aFlagIsLiftedOnce() {
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK), lifted(FLAG_ID, ENDED))
                .when(new LiftFlag(CASE_ID, FLAG_ID, ENDED, null), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null))
                .expectExceptionMessage(containsString("already lifted"));
    }

    @Test
    void aClosedCaseTakesNoNewFlagAndLiftsNone() {
        CaseClosed closed = new CaseClosed(CASE_ID, "LOST_CONTACT", null, CaseStage.POTENTIAL_VICTIM);
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK), closed)
                .when(raise(OTHER_FLAG_ID, "HEALTH_ALERT", "diabetic"), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(opened(), raised(FLAG_ID, "SAFETY_RISK", RISK), closed)
                .when(new LiftFlag(CASE_ID, FLAG_ID, ENDED, null), actor(ORGANISATION, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    // ---------------------------------------------------------------- the one fold

    @Test
    void theCaseFileHoldsTheActiveFlagsInTheOrderTheyWereRaised() {
        Instant at = Instant.parse("2025-03-11T10:00:00.123456Z");
        CaseFile file = CaseFile.fold(null, opened(), new CaseFile.EventMeta(0, at));
        file = file.apply(raised(FLAG_ID, "SAFETY_RISK", RISK), new CaseFile.EventMeta(1, at));
        file = file.apply(raised(OTHER_FLAG_ID, "HEALTH_ALERT", "diabetic"), new CaseFile.EventMeta(2, at));
        assertThat(file.flags()).extracting(CaseFile.Flag::category).containsExactly("SAFETY_RISK", "HEALTH_ALERT");
        assertThat(file.flags().get(0).raisedByOrganisationId()).isEqualTo(ORGANISATION);

        // a view without a version (the provider's) may be handed an event again: still one flag
        CaseFile repeated = file.apply(raised(OTHER_FLAG_ID, "HEALTH_ALERT", "diabetic"), new CaseFile.EventMeta(2, at));
        assertThat(repeated.flags()).hasSize(2);

        CaseFile after = file.apply(lifted(FLAG_ID, ENDED), new CaseFile.EventMeta(3, at));
        assertThat(after.flags()).extracting(CaseFile.Flag::flagId).containsExactly(OTHER_FLAG_ID.toString());
        assertThat(after.flagActive(FLAG_ID)).isFalse();
        assertThat(after.flagActive(OTHER_FLAG_ID)).isTrue();
        assertThat(after.version()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- building blocks

    private static CaseOpened opened() {
        return new CaseOpened(CASE_ID, "LABOUR_INSPECTION", Instant.parse("2025-03-10T09:30:00Z"),
                new ScreeningLocation("RS", "Novi Sad", null),
                new SealedDataSubject(seal(PersonalField.GIVEN_NAME, "Ana"), seal(PersonalField.FAMILY_NAME, "Popescu"),
                        PERSONAL_DATA.seal(CASE_ID, PersonalField.DATE_OF_BIRTH, LocalDate.of(1994, 5, 1)),
                        AgeCategory.ADULT, "Feminine", List.of("RO")),
                ORGANISATION);
    }

    private static PresumedVictimFlagged presumed() {
        return new PresumedVictimFlagged(CASE_ID, seal(PersonalField.PRESUMED_VICTIM_GROUNDS, "debt bondage"),
                ORGANISATION);
    }

    private static RaiseFlag raise(UUID flagId, String category, String reason) {
        return new RaiseFlag(CASE_ID, flagId, category, reason, ORGANISATION, null);
    }

    private static CaseFlagRaised raised(UUID flagId, String category, String reason) {
        return new CaseFlagRaised(CASE_ID, flagId, category, seal(PersonalField.FLAG_REASON, reason), ORGANISATION);
    }

    private static CaseFlagLifted lifted(UUID flagId, String reason) {
        return new CaseFlagLifted(CASE_ID, flagId, seal(PersonalField.FLAG_LIFTING_REASON, reason));
    }

    private static Sealed seal(PersonalField field, String clear) {
        return PERSONAL_DATA.seal(CASE_ID, field, clear);
    }

    private static Map<String, Object> actor(String organisationId, Role... roles) {
        return new Actor("user-1", "client-1", organisationId, "police", "RS", Set.of(roles)).toMetadata();
    }

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return Matchers.predicate(violation -> violation.kind() == kind
                && java.util.Objects.equals(violation.field(), field));
    }
}
