package org.nrmplatform.referralservice.referrals;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.referralservice.referrals.ReferralCommands.RequestReferral;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.referralservice.knowncases.CaseState;
import org.nrmplatform.referralservice.knowncases.CaseStates;
import org.nrmplatform.referralservice.providers.Provider;
import org.nrmplatform.referralservice.providers.ProviderDirectory;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Refuses a referral, before it exists, unless the case is open and the caller may refer it, the provider
 * offers the service, and a consent covers referring this case to this provider for this service. What is
 * known of cases and providers comes from the event stream and may lag a write made a moment ago in another
 * service; the refusals say so.
 */
@Component
class ReferralRequests {

    /**
     * What the caller asks for; the referring organisation is the caller's. {@code planServiceId}: the service of
     * the case's assistance plan the referral is made of, or null.
     */
    record Request(UUID referralId, UUID caseId, String providerOrganisationId, String serviceType,
                   Urgency urgency, Instant respondBy, String note, UUID planServiceId) {
    }

    private final CommandGateway commands;
    private final CaseStates cases;
    private final ProviderDirectory providers;
    private final CodeLists codeLists;

    ReferralRequests(CommandGateway commands, CaseStates cases, ProviderDirectory providers, CodeLists codeLists) {
        this.commands = commands;
        this.cases = cases;
        this.providers = providers;
        this.codeLists = codeLists;
    }

    ReferralState request(Request request, Actor actor) {
        codeLists.requireCode("service-type", request.serviceType(), "serviceType");
        CaseState caseState = cases.openCaseReferableBy(request.caseId(), actor);
        Provider provider = providers.find(request.providerOrganisationId())
                .orElseThrow(() -> RuleViolation.ruleNotMet("providerOrganisationId", "no service provider "
                        + request.providerOrganisationId() + " in the provider directory"));
        if (!provider.offers(request.serviceType())) {
            throw RuleViolation.ruleNotMet("serviceType", provider.name() + " does not offer "
                    + request.serviceType() + "; it offers " + provider.servicesOffered());
        }
        UUID consentId = caseState.consentCovering(CaseState.REFERRAL, provider.id(), request.serviceType(), Set.of())
                .orElseThrow(() -> RuleViolation.ruleNotMet("caseId", "no active consent covering referral of "
                        + "case " + request.caseId() + " to " + provider.name() + " for " + request.serviceType()
                        + " is known to referral-service yet; if it was recorded moments ago, retry"));
        commands.sendAndWait(new RequestReferral(request.referralId(), request.caseId(), actor.organisationId(),
                provider.id(), request.serviceType(), request.urgency(), request.respondBy(), request.note(),
                consentId, caseState.ageCategory(), request.planServiceId()));
        return new ReferralState(request.referralId(), ReferralStatus.REQUESTED, 0);
    }
}
