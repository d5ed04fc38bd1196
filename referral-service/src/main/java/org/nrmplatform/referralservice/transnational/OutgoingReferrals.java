package org.nrmplatform.referralservice.transnational;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.referralservice.knowncases.CaseState;
import org.nrmplatform.referralservice.knowncases.CaseStates;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.HoldTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.SendTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Direction;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.State;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Status;
import org.nrmplatform.shared.approvals.ApprovalProperties;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.store.EventJson;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Refuses a transnational referral, before it exists, unless the caller may refer the case (the same rule as
 * for referrals to providers), the case is open, the destination is a configured peer, and an active consent
 * with purpose {@value CaseState#TRANSNATIONAL_REFERRAL} names that installation as its recipient. Then it
 * decides what the packet discloses: only what {@link CaseSubjectProjection} keeps. Where the installation holds
 * transnational referrals for approval ({@code nrm.approvals.required}), a referral that passes is held instead,
 * and sent as its requester's, rules checked again, once its approval is granted ({@link ApprovedReferrals}).
 */
@Component
class OutgoingReferrals {

    private static final ObjectMapper JSON = EventJson.mapper();

    record Request(UUID transnationalReferralId, UUID caseId, String toInstallationId, String serviceType,
                   Urgency urgency, Instant respondBy, String note) {
    }

    private final CommandGateway commands;
    private final CaseStates cases;
    private final CaseSubjectProjection subjects;
    private final Peers peers;
    private final CodeLists codeLists;
    private final PersonalData personalData;
    private final ApprovalProperties approvals;

    OutgoingReferrals(CommandGateway commands, CaseStates cases, CaseSubjectProjection subjects, Peers peers,
                      CodeLists codeLists, PersonalData personalData, ApprovalProperties approvals) {
        this.approvals = approvals;
        this.commands = commands;
        this.cases = cases;
        this.subjects = subjects;
        this.peers = peers;
        this.codeLists = codeLists;
        this.personalData = personalData;
    }

    /** What a request for a referral came to: sent at once ({@code approvalId} null), or held for that approval. */
    record Outcome(State state, UUID approvalId) {
    }

    /** Sends the referral, or holds it where the installation wants a second person's approval first. */
    Outcome request(Request request, Actor actor) {
        Checked checked = check(request, actor);
        if (!approvals.requires(ApprovedAction.TRANSNATIONAL_REFERRAL)) {
            return new Outcome(send(request, actor, checked, null), null);
        }
        UUID approvalId = UUID.randomUUID();
        commands.sendAndWait(new HoldTransnationalReferral(request.transnationalReferralId(), request.caseId(),
                approvalId, actor.organisationId(), checked.peer().installationId(), request.serviceType(),
                request.urgency(), request.respondBy(), json(request)));
        return new Outcome(new State(request.transnationalReferralId(), Direction.OUTGOING, Status.HELD, false),
                approvalId);
    }

    /**
     * A held referral whose approval was granted, sent as its requester's: the rules are checked again now (the
     * case may have closed, the consent been withdrawn); a refusal is thrown as the rule's {@link RuleViolation}.
     */
    State sendApproved(String heldRequest, Actor requester, UUID approvalId) {
        Request request = read(heldRequest);
        return send(request, requester, check(request, requester), approvalId);
    }

    private record Checked(Peers.Peer peer, Packet.Body body) {
    }

    private Checked check(Request request, Actor actor) {
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
        return new Checked(peer, body);
    }

    private State send(Request request, Actor actor, Checked checked, UUID approvalId) {
        return commands.sendAndWait(actor.command(new SendTransnationalReferral(request.transnationalReferralId(),
                request.caseId(), actor.organisationId(), checked.peer().installationId(), checked.body(),
                approvalId)));
    }

    private static String json(Request request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request is plain data", e);
        }
    }

    private static Request read(String held) {
        try {
            return JSON.readValue(held, Request.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a held transnational referral no longer reads as a request", e);
        }
    }
}
