package org.nrmplatform.caseservice.actionplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActivityProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorProgress;
import org.nrmplatform.contracts.actionplans.ImplementationStatus;

/** Commands on a national action plan; a bound indicator's id is checked against the computed ones before. */
public final class ActionPlanCommands {

    private ActionPlanCommands() {
    }

    /** A reporting period as the performance indicators name it; {@code until} is the first day after it. */
    public record Period(String name, LocalDate from, LocalDate until) {
    }

    public record RecordActionPlan(@TargetAggregateIdentifier UUID planId, String title, LocalDate startsOn,
                                   LocalDate endsOn) {
    }

    public record AddObjective(@TargetAggregateIdentifier UUID planId, UUID objectiveId, String title) {
    }

    public record AddActivity(@TargetAggregateIdentifier UUID planId, UUID activityId, UUID objectiveId, String title,
                              String responsibleInstitution, LocalDate deadline, ImplementationStatus status) {
    }

    public record AddIndicator(@TargetAggregateIdentifier UUID planId, UUID indicatorId, UUID objectiveId,
                               String name, String unit, BigDecimal baseline, BigDecimal target, String boundTo,
                               String category, String reportedBy) {
    }

    public record ReportIndicatorValue(@TargetAggregateIdentifier UUID planId, UUID indicatorId, Period period,
                                       BigDecimal value, String note) {
    }

    public record ReportProgress(@TargetAggregateIdentifier UUID planId, Period period, String narrative,
                                 List<ActivityProgress> activities, List<IndicatorProgress> indicators) {
    }
}
