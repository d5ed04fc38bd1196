package org.nrmplatform.caseservice.plans;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on a case's assistance plan (its id: {@code AssistancePlanEvents.planIdOf(caseId)}); texts in clear until
 * the plan seals them; who sends them is in their metadata. The first of needs, goals and services begins the plan.
 */
public final class PlanCommands {

    private PlanCommands() {
    }

    public record AssessNeed(@TargetAggregateIdentifier UUID planId, UUID caseId, UUID needId, String domain,
                             String description) {
    }

    public record SetGoal(@TargetAggregateIdentifier UUID planId, UUID caseId, UUID goalId, UUID needId,
                          String description, LocalDate targetDate) {
    }

    public record AgreeService(@TargetAggregateIdentifier UUID planId, UUID caseId, UUID serviceId, UUID needId,
                               String serviceType, String providerOrganisationId, LocalDate targetDate) {
    }

    /** {@code form}: {@code SIGNED} or {@code ORAL}; {@code withWhom}: who was present (interpreter, guardian, ...). */
    public record RecordAgreement(@TargetAggregateIdentifier UUID planId, LocalDate agreedOn, String form,
                                  String withWhom, String note) {
    }

    public record RecordReview(@TargetAggregateIdentifier UUID planId, String note) {
    }

    /** Sent by the platform for a referral referral-service made of a planned service; answers whether recorded. */
    public record RecordServiceReferral(@TargetAggregateIdentifier UUID planId, UUID serviceId, UUID referralId,
                                        String providerOrganisationId, String serviceType) {
    }

    /** Sent by the platform when a review is overdue; answers whether this call escalated it. */
    public record EscalateReview(@TargetAggregateIdentifier UUID planId) {
    }
}
