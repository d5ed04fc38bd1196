package org.nrmplatform.caseservice.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.nrmplatform.caseservice.plans.PlanCommands.AgreeService;
import org.nrmplatform.caseservice.plans.PlanCommands.AssessNeed;
import org.nrmplatform.caseservice.plans.PlanCommands.EscalateReview;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordAgreement;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordReview;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordServiceReferral;
import org.nrmplatform.caseservice.plans.PlanCommands.SetGoal;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.plans.AssistancePlanEvents;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.AssistancePlanStarted;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.NeedAssessed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanAgreed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanGoalSet;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanReviewEscalated;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanReviewed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanServiceAgreed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanServiceReferred;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;

/**
 * An assistance plan, command by command: begun by its first entry with the first review due an interval later;
 * needs, goals and services recorded with their texts sealed, or refused naming the field; the agreement to the plan
 * as it stands, owed again after a change; reviews; a referral recorded once and only for its service; an overdue
 * review escalated once per due date.
 */
class AssistancePlanTest {

    private static final String WELFARE = "3b0c8a52-7f2e-4f39-8d3a-5c8f0e2a9b11";
    private static final String SHELTER = "9d7e6f5a-1b2c-4d3e-8f4a-0b1c2d3e4f55";
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID PLAN_ID = AssistancePlanEvents.planIdOf(CASE_ID);
    private static final UUID NEED_ID = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    private static final UUID GOAL_ID = UUID.fromString("a0000000-0000-4000-8000-000000000002");
    private static final UUID SERVICE_ID = UUID.fromString("a0000000-0000-4000-8000-000000000003");
    private static final UUID REFERRAL_ID = UUID.fromString("a0000000-0000-4000-8000-000000000004");
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final Duration INTERVAL = Duration.ofDays(90);
    private static final Instant DUE = NOW.plus(INTERVAL);
    private static final String NEED = "Nightmares since she left the farm; afraid to sleep alone";
    private static final String GOAL = "Sleeps through most nights within three months";

    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private FixtureConfiguration<AssistancePlan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AssistancePlan.class);
        fixture.registerInjectableResource(CodeLists.load());
        fixture.registerInjectableResource(PERSONAL_DATA);
        fixture.registerInjectableResource(new PlanProperties(INTERVAL, Duration.ofMinutes(1)));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theFirstNeedBeginsThePlanWithItsFirstReviewDueAndItsDescriptionSealed() {
        fixture.givenNoPriorActivity()
                .when(new AssessNeed(PLAN_ID, CASE_ID, NEED_ID, "PSYCHOSOCIAL", NEED), caseManager())
                .expectEvents(new AssistancePlanStarted(PLAN_ID, CASE_ID, WELFARE, DUE),
                        new NeedAssessed(PLAN_ID, CASE_ID, NEED_ID, "PSYCHOSOCIAL", seal(PersonalField.PLAN_NEED, NEED)))
                .expectResultMessagePayload(NEED_ID);
        assertThat(seal(PersonalField.PLAN_NEED, NEED).ciphertext()).doesNotContain("farm");
    }

    @Test
    void goalsAndServicesFollowNeedsOfThePlanAndDatesAhead() {
        fixture.given(started(), need())
                .when(new SetGoal(PLAN_ID, CASE_ID, GOAL_ID, NEED_ID, GOAL, TODAY.plusMonths(3)), caseManager())
                .expectEvents(new PlanGoalSet(PLAN_ID, CASE_ID, GOAL_ID, NEED_ID, seal(PersonalField.PLAN_GOAL, GOAL),
                        TODAY.plusMonths(3)));
        fixture.given(started(), need())
                .when(new SetGoal(PLAN_ID, CASE_ID, GOAL_ID, UUID.randomUUID(), GOAL, null), caseManager())
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "needId"));
        fixture.given(started(), need())
                .when(new AgreeService(PLAN_ID, CASE_ID, SERVICE_ID, NEED_ID, "PSYCHOSOCIAL_SUPPORT", SHELTER,
                        TODAY.minusDays(1)), caseManager())
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "targetDate"));
        fixture.given(started(), need())
                .when(new AgreeService(PLAN_ID, CASE_ID, SERVICE_ID, NEED_ID, "WALKING", SHELTER, TODAY),
                        caseManager())
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "serviceType"));
        fixture.given(started(), need())
                .when(new AgreeService(PLAN_ID, CASE_ID, SERVICE_ID, NEED_ID, "PSYCHOSOCIAL_SUPPORT", SHELTER,
                        TODAY.plusWeeks(2)), caseManager())
                .expectEvents(service());
        fixture.given(started(), need(), service())
                .when(new AgreeService(PLAN_ID, CASE_ID, SERVICE_ID, null, "LEGAL_AID", SHELTER, TODAY), caseManager())
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void aNeedOutsideTheDomainsOrWithoutWordsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new AssessNeed(PLAN_ID, CASE_ID, NEED_ID, "HAPPINESS", NEED), caseManager())
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "domain"));
        fixture.givenNoPriorActivity()
                .when(new AssessNeed(PLAN_ID, CASE_ID, NEED_ID, "SAFETY", " "), caseManager())
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "description"));
    }

    @Test
    void theAgreementIsToThePlanAsItStandsAndIsOwedAgainAfterAChange() {
        PlanAgreed agreed = new PlanAgreed(PLAN_ID, CASE_ID, TODAY, "SIGNED",
                seal(PersonalField.PLAN_AGREED_WITH, "Interpreter M. Stojanović"), null, 2);
        fixture.given(started(), need(), service())
                .when(new RecordAgreement(PLAN_ID, TODAY, "SIGNED", "Interpreter M. Stojanović", null), caseManager())
                .expectEvents(agreed);
        fixture.given(started(), need(), service(), agreed)
                .when(new RecordAgreement(PLAN_ID, TODAY, "ORAL", "Her guardian", null), caseManager())
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
        PlanGoalSet changed = new PlanGoalSet(PLAN_ID, CASE_ID, GOAL_ID, null, seal(PersonalField.PLAN_GOAL, GOAL),
                null);
        fixture.given(started(), need(), service(), agreed, changed)
                .when(new RecordAgreement(PLAN_ID, TODAY, "ORAL", "Her guardian", "Agreed after the new goal"),
                        caseManager())
                .expectEvents(new PlanAgreed(PLAN_ID, CASE_ID, TODAY, "ORAL",
                        seal(PersonalField.PLAN_AGREED_WITH, "Her guardian"),
                        seal(PersonalField.PLAN_AGREEMENT_NOTE, "Agreed after the new goal"), 3));
        fixture.given(started(), need())
                .when(new RecordAgreement(PLAN_ID, TODAY, "SIGNED", "Interpreter", null), caseManager())
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(started(), need(), service())
                .when(new RecordAgreement(PLAN_ID, TODAY.plusDays(1), "SIGNED", "Interpreter", null), caseManager())
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "agreedOn"));
        fixture.given(started(), need(), service())
                .when(new RecordAgreement(PLAN_ID, TODAY, "NODDED", "Interpreter", null), caseManager())
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "form"));
    }

    @Test
    void aReferralIsRecordedOnceAndOnlyForTheServiceItMatches() {
        fixture.given(started(), need(), service())
                .when(new RecordServiceReferral(PLAN_ID, SERVICE_ID, REFERRAL_ID, SHELTER, "PSYCHOSOCIAL_SUPPORT"))
                .expectEvents(new PlanServiceReferred(PLAN_ID, CASE_ID, SERVICE_ID, REFERRAL_ID))
                .expectResultMessagePayload(true);
        fixture.given(started(), need(), service(), new PlanServiceReferred(PLAN_ID, CASE_ID, SERVICE_ID, REFERRAL_ID))
                .when(new RecordServiceReferral(PLAN_ID, SERVICE_ID, UUID.randomUUID(), SHELTER,
                        "PSYCHOSOCIAL_SUPPORT"))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(started(), need(), service())
                .when(new RecordServiceReferral(PLAN_ID, SERVICE_ID, REFERRAL_ID, WELFARE, "PSYCHOSOCIAL_SUPPORT"))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void anOverdueReviewIsEscalatedOncePerDueDateAndAReviewSetsTheNext() {
        Instant pastDue = NOW.minusSeconds(60);
        fixture.given(new AssistancePlanStarted(PLAN_ID, CASE_ID, WELFARE, pastDue))
                .when(new EscalateReview(PLAN_ID))
                .expectEvents(new PlanReviewEscalated(PLAN_ID, CASE_ID, pastDue)).expectResultMessagePayload(true);
        fixture.given(new AssistancePlanStarted(PLAN_ID, CASE_ID, WELFARE, pastDue),
                        new PlanReviewEscalated(PLAN_ID, CASE_ID, pastDue))
                .when(new EscalateReview(PLAN_ID))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(started())
                .when(new EscalateReview(PLAN_ID))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(new AssistancePlanStarted(PLAN_ID, CASE_ID, WELFARE, pastDue),
                        new PlanReviewEscalated(PLAN_ID, CASE_ID, pastDue))
                .when(new RecordReview(PLAN_ID, "Sleeping better; the service goes on"), caseManager())
                .expectEvents(new PlanReviewed(PLAN_ID, CASE_ID,
                        seal(PersonalField.PLAN_REVIEW_NOTE, "Sleeping better; the service goes on"), DUE));
    }

    private static AssistancePlanStarted started() {
        return new AssistancePlanStarted(PLAN_ID, CASE_ID, WELFARE, DUE);
    }

    private static NeedAssessed need() {
        return new NeedAssessed(PLAN_ID, CASE_ID, NEED_ID, "PSYCHOSOCIAL", seal(PersonalField.PLAN_NEED, NEED));
    }

    private static PlanServiceAgreed service() {
        return new PlanServiceAgreed(PLAN_ID, CASE_ID, SERVICE_ID, NEED_ID, "PSYCHOSOCIAL_SUPPORT", SHELTER,
                TODAY.plusWeeks(2));
    }

    private static Sealed seal(PersonalField field, String clear) {
        return PERSONAL_DATA.seal(CASE_ID, field, clear);
    }

    private static Map<String, Object> caseManager() {
        return new Actor("user-1", "client-1", WELFARE, "csw", "RS", Set.of(Role.CASE_MANAGER)).toMetadata();
    }

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return Matchers.predicate(violation -> violation.kind() == kind && Objects.equals(violation.field(), field));
    }
}
