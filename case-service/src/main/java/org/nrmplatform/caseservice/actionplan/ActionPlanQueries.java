package org.nrmplatform.caseservice.actionplan;

import java.util.List;
import java.util.UUID;

/** The questions the action plans' view answers ({@link ActionPlans}). */
final class ActionPlanQueries {

    private ActionPlanQueries() {
    }

    /** Every plan, the latest start first. */
    record ListActionPlans() {
    }

    record PlanList(List<ActionPlanView.Summary> items, int total) {
    }

    /** The plan as recorded, if there is one. */
    record FindActionPlan(UUID planId) {
    }
}
