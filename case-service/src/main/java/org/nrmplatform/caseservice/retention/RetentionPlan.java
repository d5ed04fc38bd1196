package org.nrmplatform.caseservice.retention;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.nrmplatform.caseservice.approvals.ApprovalRequests;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.cases.RetentionRule;
import org.springframework.stereotype.Component;

/**
 * What a retention run on a day does, case by case: the run itself follows it, and the dry run shows it without
 * doing it. Computed by {@link RetentionPeriods} from {@link RetentionFacts}; the case checks it again when it
 * erases.
 */
@Component
class RetentionPlan {

    /** What the run does with a case whose retention ended. */
    enum Step {
        /** erases it (the installation holds no erasure for approval) */
        ERASE,
        /** asks its organisation's approvers to approve the erasure */
        REQUEST_APPROVAL,
        /** nothing: the erasure awaits an approver */
        AWAITING_APPROVAL,
        /** nothing: an approver rejected this erasure (or the case refused it); it is not asked again */
        NOT_APPROVED
    }

    /**
     * A case whose retention ended by the run's day, why, and what the run does with it; {@code organisationId}
     * answers for the case (the run erases for it, its approvers approve).
     */
    record PlannedErasure(UUID caseId, String organisationId, RetentionRule rule, Period period, LocalDate from, LocalDate dueOn,
                          Step step, UUID approvalId, String approvalStatus) {

        RetentionDue due() {
            return new RetentionDue(rule, period, from, dueOn);
        }
    }

    private final RetentionFacts facts;
    private final RetentionPeriods periods;
    private final ApprovalRequests approvals;

    RetentionPlan(RetentionFacts facts, RetentionPeriods periods, ApprovalRequests approvals) {
        this.facts = facts;
        this.periods = periods;
        this.approvals = approvals;
    }

    boolean approvalRequired() {
        return approvals.required(ApprovedAction.SUBJECT_ERASURE);
    }

    /** The cases a run on {@code day} finds due, soonest due first. */
    List<PlannedErasure> on(LocalDate day) {
        boolean approvalRequired = approvalRequired();
        return facts.closedNotErased().stream()
                .map(found -> periods.due(found.closedOn(), found.wasIdentified(), found.proceedings())
                        .filter(due -> !due.dueOn().isAfter(day))
                        .map(due -> planned(found, due, approvalRequired)).orElse(null))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(PlannedErasure::dueOn).thenComparing(PlannedErasure::caseId))
                .toList();
    }

    private static PlannedErasure planned(RetentionFacts.RetentionCase found, RetentionDue due, boolean approvalRequired) {
        UUID caseId = UUID.fromString(found.id());
        UUID approvalId = approvalIdFor(caseId, due);
        boolean asked = approvalId.toString().equals(found.approvalId());
        Step step;
        if (asked) {
            step = "PENDING".equals(found.approvalStatus()) ? Step.AWAITING_APPROVAL : Step.NOT_APPROVED;
        } else {
            step = approvalRequired ? Step.REQUEST_APPROVAL : Step.ERASE;
        }
        return new PlannedErasure(caseId, found.actingOrganisationId(), due.rule(), due.period(), due.from(), due.dueOn(), step,
                asked || step == Step.REQUEST_APPROVAL ? approvalId : null, asked ? found.approvalStatus() : null);
    }

    /**
     * The approval the run asks for one retention end of a case: the same every time it asks, so a run repeated
     * (a lease that lapsed) finds it there; a later end (new proceedings that ended) is asked about anew.
     */
    static UUID approvalIdFor(UUID caseId, RetentionDue due) {
        return UUID.nameUUIDFromBytes(("retention:" + caseId + ":" + due.rule() + ":" + due.dueOn())
                .getBytes(StandardCharsets.UTF_8));
    }
}
