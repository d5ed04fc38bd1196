package org.nrmplatform.contracts.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What happened to a case's individual assistance plan. One plan per case ({@link #planIdOf}); free texts about the
 * person (a need's and a goal's description, with whom the plan was agreed and the notes) are sealed with the
 * case's key, so the case's erasure erases them; domains ({@code assistance-domain}), service types
 * ({@code service-type}), organisations and dates stay in clear.
 */
public final class AssistancePlanEvents {

    private AssistancePlanEvents() {
    }

    /** The plan's id: derived from the case's, so that a case has one plan and its stream is found by the case. */
    public static UUID planIdOf(UUID caseId) {
        return UUID.nameUUIDFromBytes(("assistance-plan:" + caseId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The plan was begun by a case manager of {@code organisationId}; its first review is due at {@code reviewDueAt}. */
    @Revision("1")
    public record AssistancePlanStarted(UUID planId, UUID caseId, String organisationId, Instant reviewDueAt) {
    }

    /** A need assessed with the person, in a domain of the code list {@code assistance-domain}. */
    @Revision("1")
    public record NeedAssessed(UUID planId, UUID caseId, UUID needId, String domain, Sealed description) {
    }

    /** A goal agreed with the person, optionally for one need, by an optional target date. */
    @Revision("1")
    public record PlanGoalSet(UUID planId, UUID caseId, UUID goalId, UUID needId, Sealed description,
                              LocalDate targetDate) {
    }

    /** A service agreed: of {@code serviceType} ({@code service-type}), by the provider responsible, by a date. */
    @Revision("1")
    public record PlanServiceAgreed(UUID planId, UUID caseId, UUID serviceId, UUID needId, String serviceType,
                                    String providerOrganisationId, LocalDate targetDate) {
    }

    /** Sent by referral-service with a referral made of a planned service (to its provider, for its type). */
    @Revision("1")
    public record PlannedServiceReferralRequested(UUID referralId, UUID caseId, UUID serviceId,
                                                  String providerOrganisationId, String serviceType) {
    }

    /** The plan records which referral was made of the service. */
    @Revision("1")
    public record PlanServiceReferred(UUID planId, UUID caseId, UUID serviceId, UUID referralId) {
    }

    /**
     * The person agreed to the plan as it stood ({@code planRevision}: how many needs, goals and services it held
     * then): on a day, signed or orally ({@code form}), with whom present (sealed), with an optional note (sealed).
     */
    @Revision("1")
    public record PlanAgreed(UUID planId, UUID caseId, LocalDate agreedOn, String form, Sealed withWhom, Sealed note,
                             int planRevision) {
    }

    /** The plan was reviewed with the person; the next review is due at {@code nextReviewDueAt}. */
    @Revision("1")
    public record PlanReviewed(UUID planId, UUID caseId, Sealed note, Instant nextReviewDueAt) {
    }

    /** The review due at {@code reviewDueAt} was not held by then: escalated by the platform, once per due date. */
    @Revision("1")
    public record PlanReviewEscalated(UUID planId, UUID caseId, Instant reviewDueAt) {
    }
}
