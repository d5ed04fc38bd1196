package org.nrmplatform.referralservice.referrals;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.referralservice.referrals.ReferralCommands.AcceptReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.CancelReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.CompleteReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.DeclineReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.EscalateReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.RecordAssistanceStep;
import org.nrmplatform.referralservice.referrals.ReferralCommands.RequestReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.WithdrawReferral;
import org.nrmplatform.contracts.referrals.ReferralEvents.AssistanceStepRecorded;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralEscalated;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlannedServiceReferralRequested;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * A referral of a case to a service provider: requested, then accepted or declined by the provider (or
 * withdrawn by the referring organisation, or cancelled when the consent behind it is withdrawn), then
 * assistance steps, then completed. The case, its consent and the provider are checked before the referral
 * exists ({@link ReferralRequests}); from then on the referral enforces its own lifecycle and who may act on it.
 * Free texts are sealed with the key of the referral's case (its data subject), so the case's erasure erases them.
 */
@Aggregate
public class Referral {

    @AggregateIdentifier
    private UUID referralId;
    private UUID caseId;
    private String referringOrganisationId;
    private String providerOrganisationId;
    private Instant respondBy;
    private ReferralStatus status;
    private boolean escalated;
    private final Set<UUID> steps = new HashSet<>();

    protected Referral() {
        // required by Axon to rebuild the referral from its events
    }

    @CommandHandler
    public Referral(RequestReferral command, CodeLists codeLists, PersonalData personalData, Clock clock) {
        codeLists.requireCode("service-type", command.serviceType(), "serviceType");
        if (!command.respondBy().isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("respondBy", "the respond-by instant must be in the future");
        }
        apply(new ReferralRequested(command.referralId(), command.caseId(), command.referringOrganisationId(),
                command.providerOrganisationId(), command.serviceType(), command.urgency(), command.respondBy(),
                personalData.seal(command.caseId(), PersonalField.REFERRAL_NOTE, command.note()), command.consentId(),
                command.ageCategory()));
        if (command.planServiceId() != null) {
            // case-service records on the plan which referral was made of the service
            apply(new PlannedServiceReferralRequested(command.referralId(), command.caseId(),
                    command.planServiceId(), command.providerOrganisationId(), command.serviceType()));
        }
    }

    @CommandHandler
    public ReferralState handle(AcceptReferral command, PersonalData personalData, MetaData metaData) {
        requireProvider(metaData);
        requireStatus(ReferralStatus.REQUESTED, "accepted");
        apply(new ReferralAccepted(referralId, caseId, providerOrganisationId,
                personalData.seal(caseId, PersonalField.ACCEPTANCE_NOTE, command.note())));
        return state();
    }

    @CommandHandler
    public ReferralState handle(DeclineReferral command, CodeLists codeLists, PersonalData personalData,
                                MetaData metaData) {
        requireProvider(metaData);
        requireStatus(ReferralStatus.REQUESTED, "declined");
        codeLists.requireCode("decline-reason", command.reason(), "reason");
        apply(new ReferralDeclined(referralId, caseId, providerOrganisationId, command.reason(),
                personalData.seal(caseId, PersonalField.DECLINE_NOTE, command.note())));
        return state();
    }

    @CommandHandler
    public ReferralState handle(WithdrawReferral command, PersonalData personalData, MetaData metaData) {
        requireReferrer(metaData);
        if (!status.active()) {
            throw RuleViolation.stateDoesNotAllow("only a requested or accepted referral can be withdrawn; this one is "
                    + status);
        }
        apply(new ReferralWithdrawn(referralId, caseId, providerOrganisationId,
                personalData.seal(caseId, PersonalField.WITHDRAWAL_REASON, command.reason())));
        return state();
    }

    @CommandHandler
    public ReferralState handle(RecordAssistanceStep command, CodeLists codeLists, PersonalData personalData,
                                MetaData metaData, Clock clock) {
        requireProvider(metaData);
        requireStatus(ReferralStatus.ACCEPTED, "given assistance steps");
        codeLists.requireCode("service-type", command.serviceType(), "serviceType");
        if (command.deliveredAt().isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("deliveredAt", "an assistance step is recorded once delivered");
        }
        if (steps.contains(command.stepId())) {
            throw RuleViolation.stateDoesNotAllow("assistance step " + command.stepId() + " is already recorded");
        }
        PersonalData.Sealing sealing = personalData.sealing(caseId.toString());
        apply(new AssistanceStepRecorded(referralId, caseId, providerOrganisationId, command.stepId(),
                command.serviceType(), command.deliveredAt(),
                sealing.seal(PersonalField.STEP_DELIVERED_BY, command.deliveredBy()),
                sealing.seal(PersonalField.STEP_OUTCOME, command.outcome())));
        return state();
    }

    @CommandHandler
    public ReferralState handle(CompleteReferral command, PersonalData personalData, MetaData metaData) {
        requireProvider(metaData);
        requireStatus(ReferralStatus.ACCEPTED, "completed");
        apply(new ReferralCompleted(referralId, caseId, providerOrganisationId,
                personalData.seal(caseId, PersonalField.COMPLETION_OUTCOME, command.outcome())));
        return state();
    }

    /** Sent by the consent-withdrawal process; a referral already ended stays as it is. */
    @CommandHandler
    public ReferralState handle(CancelReferral command) {
        if (status.active()) {
            apply(new ReferralCancelled(referralId, caseId, providerOrganisationId, command.reason(),
                    command.consentId()));
        }
        return state();
    }

    /** Sent by the deadline scheduler; idempotent, and void once the provider has answered. */
    @CommandHandler
    public ReferralState handle(EscalateReferral command) {
        if (status == ReferralStatus.REQUESTED && !escalated) {
            apply(new ReferralEscalated(referralId, caseId, referringOrganisationId, providerOrganisationId,
                    respondBy));
        }
        return state();
    }

    /** Only the provider's service-provider staff act for the provider; to anyone else the referral does not exist. */
    private void requireProvider(MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData).orElse(null);
        if (actor == null || !actor.has(Role.SERVICE_PROVIDER)
                || !actor.organisationId().equals(providerOrganisationId)) {
            throw notFound();
        }
    }

    private void requireReferrer(MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData).orElse(null);
        if (actor == null || !(actor.has(Role.CASE_MANAGER) || actor.has(Role.FIRST_LINE))
                || !actor.organisationId().equals(referringOrganisationId)) {
            throw notFound();
        }
    }

    private AggregateNotFoundException notFound() {
        return new AggregateNotFoundException(referralId.toString(), "No referral " + referralId);
    }

    private void requireStatus(ReferralStatus required, String step) {
        if (status != required) {
            throw RuleViolation.stateDoesNotAllow("only a " + required.name().toLowerCase() + " referral can be " + step
                    + "; this one is " + status);
        }
    }

    private ReferralState state() {
        return new ReferralState(referralId, status, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(ReferralRequested event) {
        referralId = event.referralId();
        caseId = event.caseId();
        referringOrganisationId = event.referringOrganisationId();
        providerOrganisationId = event.providerOrganisationId();
        respondBy = event.respondBy();
        status = ReferralStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(ReferralAccepted event) {
        status = ReferralStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(ReferralDeclined event) {
        status = ReferralStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(ReferralWithdrawn event) {
        status = ReferralStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(AssistanceStepRecorded event) {
        steps.add(event.stepId());
    }

    @EventSourcingHandler
    void on(ReferralCompleted event) {
        status = ReferralStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(ReferralCancelled event) {
        status = ReferralStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(ReferralEscalated event) {
        escalated = true;
    }
}
