package org.nrmplatform.contracts.actionplans;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * What happened to a national action plan. Periods are named as the performance indicators name them: a year
 * ({@code 2026}), a quarter ({@code 2026-Q4}) or a month ({@code 2026-11}).
 */
public final class ActionPlanEvents {

    private ActionPlanEvents() {
    }

    /** The plan covers the days from {@code startsOn} to {@code endsOn}, both included. */
    @Revision("1")
    public record ActionPlanRecorded(UUID planId, String title, LocalDate startsOn, LocalDate endsOn) {
    }

    @Revision("1")
    public record ObjectiveAdded(UUID planId, UUID objectiveId, String title) {
    }

    @Revision("1")
    public record ActivityAdded(UUID planId, UUID activityId, UUID objectiveId, String title,
                                String responsibleInstitution, LocalDate deadline, ImplementationStatus status) {
    }

    /**
     * Exactly one of {@code boundTo} (the id of an NRM performance indicator, its {@code category} optional:
     * its value is computed per period) and {@code reportedBy} (the institution that reports its value per period).
     */
    @Revision("1")
    public record IndicatorAdded(UUID planId, UUID indicatorId, UUID objectiveId, String name, String unit,
                                 BigDecimal baseline, BigDecimal target, String boundTo, String category,
                                 String reportedBy) {
    }

    /** A reported indicator's value for a period; a later one for the same period replaces it. */
    @Revision("1")
    public record IndicatorValueReported(UUID planId, UUID indicatorId, String period, BigDecimal value, String note) {
    }

    /**
     * The progress of a period: a status per activity and indicator named, and a narrative; a later report of the
     * same period replaces it. An activity's {@code implementation}, when given, becomes the activity's status.
     */
    @Revision("1")
    public record ProgressReported(UUID planId, String period, String narrative, List<ActivityProgress> activities,
                                   List<IndicatorProgress> indicators) {
    }

    public record ActivityProgress(UUID activityId, ProgressStatus status, ImplementationStatus implementation) {
    }

    public record IndicatorProgress(UUID indicatorId, ProgressStatus status) {
    }
}
