package org.nrmplatform.caseservice.actionplan;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.Activity;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.ActivityStatus;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.Indicator;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.IndicatorStatus;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.Objective;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.ProgressReport;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.ReportedValue;
import org.nrmplatform.caseservice.actionplan.ActionPlanView.Summary;
import org.nrmplatform.caseservice.projections.VersionedCollection;
import org.nrmplatform.caseservice.statistics.IndicatorFigures;
import org.nrmplatform.contracts.actionplans.ImplementationStatus;
import org.nrmplatform.contracts.actionplans.ProgressStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the plans {@link ActionPlanProjection} keeps, from the version of it now serving. */
@Component
class ActionPlans {

    static final String COLLECTION = "action_plans";

    private final MongoTemplate mongo;
    private final VersionedCollection plans;

    ActionPlans(MongoTemplate mongo, ActionPlanProjection projection) {
        this.mongo = mongo;
        this.plans = projection.collection();
    }

    /** Every plan, the latest start first (a country has few). */
    @QueryHandler
    ActionPlanQueries.PlanList answer(ActionPlanQueries.ListActionPlans question) {
        List<Summary> all = mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "startsOn")), Document.class, plans.current())
                .stream().map(plan -> new Summary(UUID.fromString(plan.getString("_id")), plan.getString("title"),
                        LocalDate.parse(plan.getString("startsOn")), LocalDate.parse(plan.getString("endsOn")),
                        version(plan))).toList();
        return new ActionPlanQueries.PlanList(all, all.size());
    }

    @QueryHandler
    Optional<ActionPlanView> answer(ActionPlanQueries.FindActionPlan question) {
        UUID planId = question.planId();
        Document plan = mongo.findOne(query(where("_id").is(planId.toString())), Document.class, plans.current());
        if (plan == null) {
            return Optional.empty();
        }
        Document activities = plan.get("activities", Document.class);
        Document indicators = plan.get("indicators", Document.class);
        Document values = plan.get("values", Document.class);
        List<Objective> objectives = new ArrayList<>();
        plan.get("objectives", Document.class).forEach((objectiveId, objective) -> objectives.add(new Objective(
                UUID.fromString(objectiveId), ((Document) objective).getString("title"),
                activities.entrySet().stream().filter(a -> objectiveId.equals(doc(a).getString("objectiveId")))
                        .map(a -> activity(a.getKey(), doc(a))).toList(),
                indicators.entrySet().stream().filter(i -> objectiveId.equals(doc(i).getString("objectiveId")))
                        .map(i -> indicator(i.getKey(), doc(i), values.get(i.getKey(), Document.class))).toList())));
        List<ProgressReport> reports = new ArrayList<>();
        plan.get("reports", Document.class).forEach((period, report) -> reports.add(report(period, (Document) report)));
        reports.sort(Comparator.comparing(ProgressReport::period, ActionPlans::chronologically));
        return Optional.of(new ActionPlanView(planId, plan.getString("title"), LocalDate.parse(plan.getString("startsOn")),
                LocalDate.parse(plan.getString("endsOn")), instant(plan.get("recordedAt")), version(plan), objectives,
                reports));
    }

    /** Periods in time order: by their first day, a longer one (the year) before those it holds. */
    static int chronologically(String one, String other) {
        IndicatorFigures.Period a = IndicatorFigures.period(one).orElseThrow();
        IndicatorFigures.Period b = IndicatorFigures.period(other).orElseThrow();
        int byStart = a.from().compareTo(b.from());
        return byStart != 0 ? byStart : b.until().compareTo(a.until());
    }

    private static Activity activity(String id, Document activity) {
        return new Activity(UUID.fromString(id), activity.getString("title"),
                activity.getString("responsibleInstitution"), LocalDate.parse(activity.getString("deadline")),
                ImplementationStatus.valueOf(activity.getString("status")));
    }

    private static Indicator indicator(String id, Document indicator, Document values) {
        List<ReportedValue> reported = new ArrayList<>();
        if (values != null) {
            values.forEach((period, value) -> reported.add(new ReportedValue(period,
                    decimal(((Document) value).getString("value")), ((Document) value).getString("note"),
                    instant(((Document) value).get("reportedAt")))));
        }
        reported.sort(Comparator.comparing(ReportedValue::period, ActionPlans::chronologically));
        return new Indicator(UUID.fromString(id), indicator.getString("name"), indicator.getString("unit"),
                decimal(indicator.getString("baseline")), decimal(indicator.getString("target")),
                indicator.getString("boundTo"), indicator.getString("category"), indicator.getString("reportedBy"),
                reported);
    }

    private static ProgressReport report(String period, Document report) {
        List<ActivityStatus> activities = new ArrayList<>();
        report.get("activities", Document.class).forEach((id, status) -> {
            String implementation = ((Document) status).getString("implementation");
            activities.add(new ActivityStatus(UUID.fromString(id),
                    ProgressStatus.valueOf(((Document) status).getString("status")),
                    implementation == null ? null : ImplementationStatus.valueOf(implementation)));
        });
        List<IndicatorStatus> indicators = new ArrayList<>();
        report.get("indicators", Document.class).forEach((id, status) ->
                indicators.add(new IndicatorStatus(UUID.fromString(id), ProgressStatus.valueOf((String) status))));
        return new ProgressReport(period, report.getString("narrative"), instant(report.get("reportedAt")),
                activities, indicators);
    }

    private static Document doc(Map.Entry<String, Object> entry) {
        return (Document) entry.getValue();
    }

    private static long version(Document plan) {
        return ((Number) plan.get("version")).longValue();
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : (Instant) value;
    }
}
