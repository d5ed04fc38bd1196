package org.nrmplatform.caseservice.actionplan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.contracts.actionplans.ImplementationStatus;
import org.nrmplatform.contracts.actionplans.ProgressStatus;

/** A national action plan as recorded: its objectives with their activities and indicators, and its reports. */
record ActionPlanView(UUID planId, String title, LocalDate startsOn, LocalDate endsOn, Instant recordedAt,
                      long version, List<Objective> objectives, List<ProgressReport> progressReports) {

    record Summary(UUID planId, String title, LocalDate startsOn, LocalDate endsOn, long version) {
    }

    record Objective(UUID objectiveId, String title, List<Activity> activities, List<Indicator> indicators) {
    }

    /** {@code status}: as recorded, or as the latest progress report naming one set it. */
    record Activity(UUID activityId, String title, String responsibleInstitution, LocalDate deadline,
                    ImplementationStatus status) {
    }

    /** Bound ({@code boundTo}, {@code category}) or reported by an institution ({@code reportedBy}, {@code values}). */
    record Indicator(UUID indicatorId, String name, String unit, BigDecimal baseline, BigDecimal target,
                     String boundTo, String category, String reportedBy, List<ReportedValue> values) {
    }

    record ReportedValue(String period, BigDecimal value, String note, Instant reportedAt) {
    }

    record ProgressReport(String period, String narrative, Instant reportedAt, List<ActivityStatus> activities,
                          List<IndicatorStatus> indicators) {
    }

    record ActivityStatus(UUID activityId, ProgressStatus status, ImplementationStatus implementation) {
    }

    record IndicatorStatus(UUID indicatorId, ProgressStatus status) {
    }
}
