package org.nrmplatform.caseservice.plans;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordServiceReferral;
import org.nrmplatform.contracts.plans.AssistancePlanEvents;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlannedServiceReferralRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records on the plan the referral referral-service made of one of its services (a referral asked with the
 * service's id). The plan records a service's referral once and only one to the service's provider for its type,
 * so a redelivered event changes nothing and a referral naming a service it does not match is left off the plan.
 */
@Component
@ProcessingGroup("assistance-plan-referrals")
class PlanReferrals {

    private static final Logger LOG = LoggerFactory.getLogger(PlanReferrals.class);

    private final CommandGateway commands;
    private final EventStore events;

    PlanReferrals(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    @EventHandler
    void on(PlannedServiceReferralRequested event) {
        String planId = AssistancePlanEvents.planIdOf(event.caseId()).toString();
        if (events.lastSequenceNumberFor(planId).isEmpty()) {
            LOG.info("Referral {} names service {} of case {}, which has no plan", event.referralId(),
                    event.serviceId(), event.caseId());
            return;
        }
        boolean recorded = commands.sendAndWait(new RecordServiceReferral(AssistancePlanEvents.planIdOf(
                event.caseId()), event.serviceId(), event.referralId(), event.providerOrganisationId(),
                event.serviceType()));
        if (!recorded) {
            LOG.info("Referral {} not recorded on the plan of case {}: service {} is referred already, or is for "
                    + "another provider or type", event.referralId(), event.caseId(), event.serviceId());
        }
    }
}
