package org.nrmplatform.caseservice.actionplan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.contracts.actionplans.ImplementationStatus;
import org.nrmplatform.contracts.actionplans.ProgressStatus;

/**
 * The report of a whole plan: every objective, activity and indicator with, for each period reported on (by a
 * progress report or a reported value), its status and its value. A bound indicator's value is the national
 * figure the performance indicators compute for the period, suppressed as they suppress it.
 *
 * @param periods the periods reported on, in time order
 */
record ActionPlanReport(UUID planId, String title, LocalDate startsOn, LocalDate endsOn, Instant madeAt, long version,
                        List<String> periods, List<ObjectiveLine> objectives, List<Narrative> narratives) {

    record ObjectiveLine(UUID objectiveId, String title, List<ActivityLine> activities,
                         List<IndicatorLine> indicators) {
    }

    record ActivityLine(UUID activityId, String title, String responsibleInstitution, LocalDate deadline,
                        ImplementationStatus status, List<PeriodStatus> periods) {
    }

    /** {@code status}: as the period's progress report says, or null when it does not name the activity. */
    record PeriodStatus(String period, ProgressStatus status) {
    }

    /** {@code source}: {@code computed} (bound to {@code boundTo}, {@code category}) or {@code reported} ({@code reportedBy}). */
    record IndicatorLine(UUID indicatorId, String name, String unit, BigDecimal baseline, BigDecimal target,
                         String source, String boundTo, String category, String reportedBy, List<PeriodValue> periods) {
    }

    /** The period's value (null: not reported, suppressed, or nothing to compute) and the period's status. */
    record PeriodValue(String period, BigDecimal value, boolean suppressed, String note, ProgressStatus status) {
    }

    record Narrative(String period, String narrative, Instant reportedAt) {
    }
}
