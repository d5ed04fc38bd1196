package org.nrmplatform.referralservice.transnational;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.referralservice.knowncases.CaseState;
import org.nrmplatform.referralservice.knowncases.CaseStates;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.SendTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Direction;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.State;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Status;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Refuses a transnational referral, before it exists, unless the caller may refer the case (the same rule as
 * for referrals to providers), the case is open, the destination is a configured peer, and an active consent
 * with purpose {@value CaseState#TRANSNATIONAL_REFERRAL} names that installation as its recipient. Then it
 * decides what the packet discloses: only what {@link CaseSubjectProjection} keeps.
 */
@Component
class OutgoingReferrals {

    record Request(UUID transnationalReferralId, UUID caseId, String toInstallationId, String serviceType,
                   Urgency urgency, Instant respondBy, String note) {
    }

    private final CommandGateway commands;
    private final CaseStates cases;
    private final CaseSubjectProjection subjects;
    private final Peers peers;
    private final CodeLists codeLists;
    private final PersonalData personalData;

    OutgoingReferrals(CommandGateway commands, CaseStates cases, CaseSubjectProjection subjects, Peers peers,
                      CodeLists codeLists, PersonalData personalData) {
        this.commands = commands;
        this.cases = cases;
        this.subjects = subjects;
        this.peers = peers;
        this.codeLists = codeLists;
        this.personalData = personalData;
    }

    State send(Request request, Actor actor) {
        codeLists.requireCode("service-type", request.serviceType(), "serviceType");
        CaseState caseState = cases.openCaseReferableBy(request.caseId(), actor);
        Peers.Peer peer = peers.find(request.toInstallationId())
                .orElseThrow(() -> RuleViolation.ruleNotMet("toInstallationId", request.toInstallationId()
                        + " is not a peer installation configured here"));
        UUID consentId = caseState.consentCovering(CaseState.TRANSNATIONAL_REFERRAL, peer.installationId(),
                        request.serviceType(), Set.of())
                .orElseThrow(() -> RuleViolation.ruleNotMet("caseId", "no active consent covering transnational "
                        + "referral of case " + request.caseId() + " to " + peer.installationId() + " for "
                        + request.serviceType() + " is known to referral-service yet; if it was recorded moments "
                        + "ago, retry"));
        CaseSubjectProjection.CaseSubject subject = subjects.find(request.caseId())
                .orElseThrow(() -> RuleViolation.ruleNotMet("caseId", "case " + request.caseId()
                        + " is not yet known to referral-service's transnational referrals; retry"));
        Packet.Body body = new Packet.Body(subject.ageCategory(), subject.sex(), subject.citizenship(),
                subject.yearOfBirth(personalData), request.serviceType(), request.urgency(), request.respondBy(), request.note(),
                new Packet.Consent(consentId, caseState.consents().get(consentId.toString()).purposes()), null, null);
        commands.sendAndWait(new SendTransnationalReferral(request.transnationalReferralId(), request.caseId(),
                actor.organisationId(), peer.installationId(), body));
        return new State(request.transnationalReferralId(), Direction.OUTGOING, Status.SENT, false);
    }
}
