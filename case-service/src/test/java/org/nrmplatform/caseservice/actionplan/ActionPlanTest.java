package org.nrmplatform.caseservice.actionplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddActivity;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddIndicator;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddObjective;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.Period;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.RecordActionPlan;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.ReportIndicatorValue;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.ReportProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActionPlanRecorded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActivityAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActivityProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorValueReported;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ObjectiveAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ProgressReported;
import org.nrmplatform.contracts.actionplans.ImplementationStatus;
import org.nrmplatform.contracts.actionplans.ProgressStatus;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;

/**
 * A national action plan: each step recorded as exactly its event, or refused with the field it concerns; what a
 * step names must belong to the plan, a period must fall within it, and a bound indicator's values are computed,
 * never reported.
 */
class ActionPlanTest {

    private static final UUID PLAN = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    private static final UUID OBJECTIVE = UUID.fromString("b0000000-0000-4000-8000-000000000001");
    private static final UUID ACTIVITY = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final UUID BOUND = UUID.fromString("d0000000-0000-4000-8000-000000000001");
    private static final UUID REPORTED = UUID.fromString("d0000000-0000-4000-8000-000000000002");
    private static final LocalDate STARTS = LocalDate.of(2026, 1, 1);
    private static final LocalDate ENDS = LocalDate.of(2027, 12, 31);
    private static final Period Q1_2026 = new Period("2026-Q1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1));

    private FixtureConfiguration<ActionPlan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ActionPlan.class);
    }

    @Test
    void aPlanIsRecordedWithItsSpan() {
        fixture.givenNoPriorActivity()
                .when(new RecordActionPlan(PLAN, " National action plan 2026-2027 ", STARTS, ENDS))
                .expectEvents(new ActionPlanRecorded(PLAN, "National action plan 2026-2027", STARTS, ENDS));
    }

    @Test
    void aPlanEndsAfterItStarts() {
        fixture.givenNoPriorActivity()
                .when(new RecordActionPlan(PLAN, "Plan", ENDS, STARTS))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "endsOn"));
        fixture.givenNoPriorActivity()
                .when(new RecordActionPlan(PLAN, " ", STARTS, ENDS))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "title"));
    }

    @Test
    void objectivesActivitiesAndIndicatorsAreAddedToThePlan() {
        fixture.given(recorded())
                .when(new AddObjective(PLAN, OBJECTIVE, "Victims are identified sooner"))
                .expectEvents(objective())
                .expectResultMessagePayload(new ActionPlanState(PLAN, OBJECTIVE, 1));
        fixture.given(recorded(), objective())
                .when(new AddActivity(PLAN, ACTIVITY, OBJECTIVE, "Train labour inspectors", "Labour Inspectorate",
                        LocalDate.of(2026, 6, 30), null))
                .expectEvents(activity());
        fixture.given(recorded(), objective())
                .when(new AddIndicator(PLAN, BOUND, OBJECTIVE, "Presumed victims identified", "cases",
                        BigDecimal.valueOf(40), BigDecimal.valueOf(60), "presumedVictims", null, null))
                .expectEvents(bound());
    }

    @Test
    void whatAStepNamesBelongsToThePlan() {
        UUID elsewhere = UUID.randomUUID();
        fixture.given(recorded(), objective())
                .when(new AddActivity(PLAN, ACTIVITY, elsewhere, "Train", "Police", LocalDate.of(2026, 6, 30), null))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "objectiveId"));
        fixture.given(recorded(), objective(), activity())
                .when(new ReportProgress(PLAN, Q1_2026, "Started", List.of(new ActivityProgress(elsewhere,
                        ProgressStatus.ON_TRACK, null)), List.of()))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "activities"));
        fixture.given(recorded(), objective(), activity())
                .when(new AddActivity(PLAN, ACTIVITY, OBJECTIVE, "Again", "Police", LocalDate.of(2026, 6, 30), null))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void anIndicatorIsEitherBoundOrReportedByAnInstitution() {
        fixture.given(recorded(), objective())
                .when(new AddIndicator(PLAN, BOUND, OBJECTIVE, "Both", "cases", BigDecimal.ONE, BigDecimal.TEN,
                        "presumedVictims", null, "Ministry of Interior"))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "boundTo"));
        fixture.given(recorded(), objective())
                .when(new AddIndicator(PLAN, BOUND, OBJECTIVE, "Neither", "cases", BigDecimal.ONE, BigDecimal.TEN,
                        null, null, " "))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "boundTo"));
        fixture.given(recorded(), objective())
                .when(new AddIndicator(PLAN, REPORTED, OBJECTIVE, "Shelters", "places", BigDecimal.ONE, null,
                        null, null, "Ministry of Social Affairs"))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "target"));
    }

    @Test
    void anInstitutionReportsItsIndicatorsValueForAPeriodOfThePlan() {
        fixture.given(recorded(), objective(), reported())
                .when(new ReportIndicatorValue(PLAN, REPORTED, Q1_2026, new BigDecimal("42.5"), " from the registry "))
                .expectEvents(new IndicatorValueReported(PLAN, REPORTED, "2026-Q1", new BigDecimal("42.5"),
                        "from the registry"));
        fixture.given(recorded(), objective(), reported())
                .when(new ReportIndicatorValue(PLAN, REPORTED, new Period("2025", LocalDate.of(2025, 1, 1),
                        LocalDate.of(2026, 1, 1)), BigDecimal.ONE, null))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "period"));
    }

    @Test
    void aBoundIndicatorsValuesAreComputedNotReported() {
        fixture.given(recorded(), objective(), bound())
                .when(new ReportIndicatorValue(PLAN, BOUND, Q1_2026, BigDecimal.ONE, null))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void progressIsReportedPerPeriodWithAStatusPerActivityAndIndicator() {
        List<ActivityProgress> activities = List.of(new ActivityProgress(ACTIVITY, ProgressStatus.DELAYED,
                ImplementationStatus.IN_PROGRESS));
        List<IndicatorProgress> indicators = List.of(new IndicatorProgress(BOUND, ProgressStatus.ON_TRACK),
                new IndicatorProgress(REPORTED, ProgressStatus.AT_RISK));
        fixture.given(recorded(), objective(), activity(), bound(), reported())
                .when(new ReportProgress(PLAN, Q1_2026, "Training postponed to May", activities, indicators))
                .expectEvents(new ProgressReported(PLAN, "2026-Q1", "Training postponed to May", activities,
                        indicators))
                .expectResultMessagePayload(new ActionPlanState(PLAN, null, 5));
        fixture.given(recorded(), objective(), activity())
                .when(new ReportProgress(PLAN, Q1_2026, "", activities, List.of()))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "narrative"));
        fixture.given(recorded(), objective(), activity())
                .when(new ReportProgress(PLAN, Q1_2026, "Twice", List.of(activities.get(0), activities.get(0)),
                        List.of()))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "activities"));
    }

    private static ActionPlanRecorded recorded() {
        return new ActionPlanRecorded(PLAN, "National action plan 2026-2027", STARTS, ENDS);
    }

    private static ObjectiveAdded objective() {
        return new ObjectiveAdded(PLAN, OBJECTIVE, "Victims are identified sooner");
    }

    private static ActivityAdded activity() {
        return new ActivityAdded(PLAN, ACTIVITY, OBJECTIVE, "Train labour inspectors", "Labour Inspectorate",
                LocalDate.of(2026, 6, 30), ImplementationStatus.NOT_STARTED);
    }

    private static IndicatorAdded bound() {
        return new IndicatorAdded(PLAN, BOUND, OBJECTIVE, "Presumed victims identified", "cases",
                BigDecimal.valueOf(40), BigDecimal.valueOf(60), "presumedVictims", null, null);
    }

    private static IndicatorAdded reported() {
        return new IndicatorAdded(PLAN, REPORTED, OBJECTIVE, "Shelter places", "places", BigDecimal.valueOf(30),
                BigDecimal.valueOf(50), null, null, "Ministry of Social Affairs");
    }

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return Matchers.predicate(violation -> violation.kind() == kind && Objects.equals(violation.field(), field));
    }
}
