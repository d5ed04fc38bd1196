package org.nrmplatform.caseservice.actionplan;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.ActivityLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.IndicatorLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.Narrative;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.ObjectiveLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.PeriodStatus;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.PeriodValue;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.Indicator;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.ProgressReport;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.ReportedValue;
import org.nrmplatform.caseservice.statistics.IndicatorFigures;
import org.nrmplatform.caseservice.statistics.IndicatorFigures.Figure;
import org.nrmplatform.contracts.actionplans.ProgressStatus;
import org.springframework.stereotype.Component;

/** Makes a plan's report from the plan as recorded and, for its bound indicators, the computed figures. */
@Component
class ActionPlanReporting {

    private final QueryGateway queries;
    private final IndicatorFigures figures;
    private final Clock clock;

    ActionPlanReporting(QueryGateway queries, IndicatorFigures figures, Clock clock) {
        this.queries = queries;
        this.figures = figures;
        this.clock = clock;
    }

    /** The plan read from its view (the query bus), the bound figures from the indicators (a direct call). */
    Optional<ActionPlanReport> report(UUID planId) {
        return queries.query(new ActionPlanQueries.FindActionPlan(planId),
                ResponseTypes.optionalInstanceOf(ActionPlanView.class)).join().map(this::report);
    }

    private ActionPlanReport report(ActionPlanView plan) {
        TreeSet<String> periods = new TreeSet<>(ActionPlans::chronologically);
        plan.progressReports().forEach(report -> periods.add(report.period()));
        List<List<String>> bindings = new ArrayList<>();
        for (ActionPlanView.Objective objective : plan.objectives()) {
            for (Indicator indicator : objective.indicators()) {
                indicator.values().forEach(value -> periods.add(value.period()));
                if (indicator.boundTo() != null) {
                    bindings.add(Arrays.asList(indicator.boundTo(), indicator.category()));
                }
            }
        }
        List<String> ordered = List.copyOf(periods);
        Map<String, Map<List<String>, Figure>> computed = figures.figures(ordered, bindings);
        Map<String, ProgressReport> reports = new HashMap<>();
        plan.progressReports().forEach(report -> reports.put(report.period(), report));

        List<ObjectiveLine> objectives = plan.objectives().stream().map(objective -> new ObjectiveLine(
                objective.objectiveId(), objective.title(),
                objective.activities().stream().map(activity -> new ActivityLine(activity.activityId(),
                        activity.title(), activity.responsibleInstitution(), activity.deadline(), activity.status(),
                        ordered.stream().map(period -> new PeriodStatus(period, activityStatus(reports.get(period),
                                activity.activityId()))).toList())).toList(),
                objective.indicators().stream().map(indicator -> line(indicator, ordered, reports, computed)).toList()))
                .toList();
        List<Narrative> narratives = plan.progressReports().stream()
                .map(report -> new Narrative(report.period(), report.narrative(), report.reportedAt())).toList();
        return new ActionPlanReport(plan.planId(), plan.title(), plan.startsOn(), plan.endsOn(), clock.instant(),
                plan.version(), ordered, objectives, narratives);
    }

    private static IndicatorLine line(Indicator indicator, List<String> periods, Map<String, ProgressReport> reports,
                                      Map<String, Map<List<String>, Figure>> computed) {
        boolean bound = indicator.boundTo() != null;
        List<PeriodValue> values = new ArrayList<>();
        for (String period : periods) {
            ProgressStatus status = indicatorStatus(reports.get(period), indicator.indicatorId());
            if (bound) {
                Figure figure = computed.get(period).get(Arrays.asList(indicator.boundTo(), indicator.category()));
                values.add(new PeriodValue(period, decimal(figure.value()), figure.suppressed(), null, status));
            } else {
                Optional<ReportedValue> reported = indicator.values().stream()
                        .filter(value -> value.period().equals(period)).findFirst();
                values.add(new PeriodValue(period, reported.map(ReportedValue::value).orElse(null), false,
                        reported.map(ReportedValue::note).orElse(null), status));
            }
        }
        return new IndicatorLine(indicator.indicatorId(), indicator.name(), indicator.unit(), indicator.baseline(),
                indicator.target(), bound ? "computed" : "reported", indicator.boundTo(), indicator.category(),
                indicator.reportedBy(), values);
    }

    /** A whole figure (a count, a whole median) as a whole number, as the indicators print it. */
    private static BigDecimal decimal(Double value) {
        if (value == null) {
            return null;
        }
        return value % 1 == 0 ? BigDecimal.valueOf(value.longValue()) : BigDecimal.valueOf(value);
    }

    private static ProgressStatus activityStatus(ProgressReport report, UUID activityId) {
        return report == null ? null : report.activities().stream().filter(a -> a.activityId().equals(activityId))
                .map(ActionPlanView.ActivityStatus::status).findFirst().orElse(null);
    }

    private static ProgressStatus indicatorStatus(ProgressReport report, UUID indicatorId) {
        return report == null ? null : report.indicators().stream().filter(i -> i.indicatorId().equals(indicatorId))
                .map(ActionPlanView.IndicatorStatus::status).findFirst().orElse(null);
    }
}
