package org.nrmplatform.caseservice.actionplan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddActivity;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddIndicator;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddObjective;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.Period;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.RecordActionPlan;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.ReportIndicatorValue;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.ReportProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActionPlanRecorded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActivityAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorValueReported;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ObjectiveAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ProgressReported;
import org.nrmplatform.contracts.actionplans.ImplementationStatus;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * A national action plan against trafficking, monitored by results (the ICMPD guide's structure): objectives, each
 * with activities (a responsible institution, a deadline, an implementation status) and indicators (baseline,
 * target, unit). An indicator is bound to one of the NRM performance indicators, whose value the platform computes
 * per period, or reported by an institution, which records a value per period here. Progress is reported per
 * period: a status per activity and indicator and a narrative. The plan checks that everything a step names belongs
 * to it and that periods fall within the plan's span; who may act is the API's rule (administrator and monitor).
 */
@Aggregate
public class ActionPlan {

    @AggregateIdentifier
    private UUID planId;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private final Set<UUID> objectives = new HashSet<>();
    private final Set<UUID> activities = new HashSet<>();
    /** Each indicator, and whether an institution reports it (false: bound to a computed indicator). */
    private final Map<UUID, Boolean> reported = new HashMap<>();

    protected ActionPlan() {
        // required by Axon to rebuild the plan from its events
    }

    @CommandHandler
    public ActionPlan(RecordActionPlan command) {
        requireText(command.title(), "title");
        if (command.startsOn() == null) {
            throw RuleViolation.ruleNotMet("startsOn", "the first day of the plan is required");
        }
        if (command.endsOn() == null || !command.endsOn().isAfter(command.startsOn())) {
            throw RuleViolation.ruleNotMet("endsOn", "the plan ends after the day it starts");
        }
        apply(new ActionPlanRecorded(command.planId(), command.title().strip(), command.startsOn(),
                command.endsOn()));
    }

    @CommandHandler
    public ActionPlanState handle(AddObjective command) {
        requireText(command.title(), "title");
        requireNew(objectives.contains(command.objectiveId()), "objective", command.objectiveId());
        apply(new ObjectiveAdded(planId, command.objectiveId(), command.title().strip()));
        return state(command.objectiveId());
    }

    @CommandHandler
    public ActionPlanState handle(AddActivity command) {
        requireObjective(command.objectiveId());
        requireText(command.title(), "title");
        requireText(command.responsibleInstitution(), "responsibleInstitution");
        if (command.deadline() == null) {
            throw RuleViolation.ruleNotMet("deadline", "an activity has a deadline");
        }
        requireNew(activities.contains(command.activityId()), "activity", command.activityId());
        apply(new ActivityAdded(planId, command.activityId(), command.objectiveId(), command.title().strip(),
                command.responsibleInstitution().strip(), command.deadline(),
                command.status() == null ? ImplementationStatus.NOT_STARTED : command.status()));
        return state(command.activityId());
    }

    @CommandHandler
    public ActionPlanState handle(AddIndicator command) {
        requireObjective(command.objectiveId());
        requireText(command.name(), "name");
        boolean bound = command.boundTo() != null && !command.boundTo().isBlank();
        boolean byInstitution = command.reportedBy() != null && !command.reportedBy().isBlank();
        if (bound == byInstitution) {
            throw RuleViolation.ruleNotMet("boundTo", "an indicator is either bound to a computed NRM indicator "
                    + "(boundTo) or reported by an institution (reportedBy), one of the two");
        }
        if (!bound && command.category() != null && !command.category().isBlank()) {
            throw RuleViolation.ruleNotMet("category", "only an indicator bound to a computed one has a category");
        }
        requireText(command.unit(), "unit");
        if (command.baseline() == null) {
            throw RuleViolation.ruleNotMet("baseline", "an indicator has a baseline");
        }
        if (command.target() == null) {
            throw RuleViolation.ruleNotMet("target", "an indicator has a target");
        }
        requireNew(reported.containsKey(command.indicatorId()), "indicator", command.indicatorId());
        apply(new IndicatorAdded(planId, command.indicatorId(), command.objectiveId(), command.name().strip(),
                command.unit().strip(), command.baseline(), command.target(),
                bound ? command.boundTo().strip() : null,
                bound && command.category() != null && !command.category().isBlank() ? command.category().strip() : null,
                byInstitution ? command.reportedBy().strip() : null));
        return state(command.indicatorId());
    }

    @CommandHandler
    public ActionPlanState handle(ReportIndicatorValue command) {
        Boolean byInstitution = reported.get(command.indicatorId());
        if (byInstitution == null) {
            throw RuleViolation.ruleNotMet("indicatorId", "the plan has no indicator " + command.indicatorId());
        }
        if (!byInstitution) {
            throw RuleViolation.stateDoesNotAllow("this indicator is bound to a computed NRM indicator: the platform "
                    + "fills in its value per period");
        }
        requireWithinPlan(command.period());
        if (command.value() == null) {
            throw RuleViolation.ruleNotMet("value", "a reported value is required");
        }
        apply(new IndicatorValueReported(planId, command.indicatorId(), command.period().name(), command.value(),
                blankAsNull(command.note())));
        return state(command.indicatorId());
    }

    @CommandHandler
    public ActionPlanState handle(ReportProgress command) {
        requireWithinPlan(command.period());
        requireText(command.narrative(), "narrative");
        List<UUID> activityIds = command.activities().stream().map(a -> a.activityId()).toList();
        List<UUID> indicatorIds = command.indicators().stream().map(i -> i.indicatorId()).toList();
        requireKnown(activityIds, activities::contains, "activities", "activity");
        requireKnown(indicatorIds, reported::containsKey, "indicators", "indicator");
        if (command.activities().stream().anyMatch(a -> a.status() == null)
                || command.indicators().stream().anyMatch(i -> i.status() == null)) {
            throw RuleViolation.ruleNotMet("status", "each activity and indicator named has a status: ON_TRACK, "
                    + "DELAYED or AT_RISK");
        }
        apply(new ProgressReported(planId, command.period().name(), command.narrative().strip(),
                List.copyOf(command.activities()), List.copyOf(command.indicators())));
        return state(null);
    }

    private void requireObjective(UUID objectiveId) {
        if (objectiveId == null || !objectives.contains(objectiveId)) {
            throw RuleViolation.ruleNotMet("objectiveId", "the plan has no objective " + objectiveId);
        }
    }

    private void requireWithinPlan(Period period) {
        if (period.until().isAfter(startsOn) && !period.from().isAfter(endsOn)) {
            return;
        }
        throw RuleViolation.ruleNotMet("period", "the period " + period.name() + " is outside the plan (" + startsOn
                + " to " + endsOn + ")");
    }

    private static void requireKnown(List<UUID> ids, Function<UUID, Boolean> known, String field, String what) {
        for (UUID id : ids) {
            if (id == null || !known.apply(id)) {
                throw RuleViolation.ruleNotMet(field, "the plan has no " + what + " " + id);
            }
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw RuleViolation.ruleNotMet(field, "each " + what + " is named once");
        }
    }

    private static void requireNew(boolean exists, String what, UUID id) {
        if (exists) {
            throw RuleViolation.stateDoesNotAllow("the plan already has the " + what + " " + id);
        }
    }

    private static void requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw RuleViolation.ruleNotMet(field, "must not be blank");
        }
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private ActionPlanState state(UUID id) {
        return new ActionPlanState(planId, id, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(ActionPlanRecorded event) {
        planId = event.planId();
        startsOn = event.startsOn();
        endsOn = event.endsOn();
    }

    @EventSourcingHandler
    void on(ObjectiveAdded event) {
        objectives.add(event.objectiveId());
    }

    @EventSourcingHandler
    void on(ActivityAdded event) {
        activities.add(event.activityId());
    }

    @EventSourcingHandler
    void on(IndicatorAdded event) {
        reported.put(event.indicatorId(), event.reportedBy() != null);
    }
}
