package org.nrmplatform.referralservice.transnational;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.AcceptTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.DeclineTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.State;
import org.nrmplatform.referralservice.transnational.TransnationalReferralViews.TransnationalReferralView;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.PlausibleTime;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Transnational referrals over HTTP. The sending organisation's first-line professionals and case managers
 * send (as for referrals to providers); the installation's case managers (the NRM coordination importing
 * what a peer sent) import packets and answer incoming referrals. Packets are carried between installations
 * by their operators: this service makes no outbound calls.
 */
@RestController
@RequestMapping("/api/transnational-referrals")
class TransnationalReferralController {

    record TransnationalReferralRequest(UUID transnationalReferralId, @NotNull UUID caseId,
                                        @NotBlank @Size(max = 64) String toInstallationId,
                                        @NotBlank String serviceType, @NotNull Urgency urgency,
                                        @NotNull @PlausibleTime(future = true) Instant respondBy,
                                        @Size(max = 2000) String note) {
    }

    record AcceptanceRequest(@Size(max = 2000) String note) {
    }

    record DeclineRequest(@NotBlank String reason, @Size(max = 2000) String note) {
    }

    private final CommandGateway commands;
    private final OutgoingReferrals outgoing;
    private final PacketImport packetImport;
    private final TransnationalReferralViews views;
    private final Installation installation;

    TransnationalReferralController(CommandGateway commands, OutgoingReferrals outgoing, PacketImport packetImport,
                                    TransnationalReferralViews views, Installation installation) {
        this.commands = commands;
        this.outgoing = outgoing;
        this.packetImport = packetImport;
        this.views = views;
        this.installation = installation;
    }

    /** The key this installation signs its packets with, for the operators of peer installations. */
    @GetMapping("/keys")
    @PreAuthorize("isAuthenticated()")
    Installation.PublicKeyInfo key() {
        return installation.publicKey();
    }

    /** A referral held for approval: the approval to follow (case-service lists it once it has read the hold). */
    record Held(UUID approvalId, UUID transnationalReferralId, UUID caseId, ApprovedAction action, String status) {
    }

    /** Sent at once (201), or held for a second person's approval where the installation says so (202). */
    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    ResponseEntity<?> send(@Valid @RequestBody TransnationalReferralRequest request,
                           @AuthenticationPrincipal Jwt token) {
        UUID id = request.transnationalReferralId() != null ? request.transnationalReferralId() : UUID.randomUUID();
        OutgoingReferrals.Outcome outcome = outgoing.request(new OutgoingReferrals.Request(id, request.caseId(),
                request.toInstallationId(), request.serviceType(), request.urgency(), request.respondBy(),
                request.note()), Actor.from(token));
        if (outcome.approvalId() != null) {
            return ResponseEntity.accepted().location(URI.create("/api/approvals/" + outcome.approvalId()))
                    .body(new Held(outcome.approvalId(), id, request.caseId(), ApprovedAction.TRANSNATIONAL_REFERRAL,
                            "PENDING"));
        }
        return ResponseEntity.created(URI.create("/api/transnational-referrals/" + id)).body(outcome.state());
    }

    /** The body is the packet exactly as the peer issued it: its signature covers this text's content. */
    @PostMapping(path = "/packets", consumes = "application/json")
    @PreAuthorize("hasRole('CASE_MANAGER')")
    ResponseEntity<State> importPacket(@RequestBody String packet, @AuthenticationPrincipal Jwt token) {
        State state = packetImport.importPacket(packet, Actor.from(token));
        return ResponseEntity.created(URI.create("/api/transnational-referrals/" + state.transnationalReferralId()))
                .body(state);
    }

    @PostMapping(path = "/{transnationalReferralId}/acceptance", consumes = "application/json")
    @PreAuthorize("hasRole('CASE_MANAGER')")
    State accept(@PathVariable UUID transnationalReferralId,
                 @Valid @RequestBody(required = false) AcceptanceRequest request) {
        return commands.sendAndWait(new AcceptTransnationalReferral(transnationalReferralId,
                request == null ? null : request.note()));
    }

    @PostMapping(path = "/{transnationalReferralId}/decline", consumes = "application/json")
    @PreAuthorize("hasRole('CASE_MANAGER')")
    State decline(@PathVariable UUID transnationalReferralId, @Valid @RequestBody DeclineRequest request) {
        return commands.sendAndWait(new DeclineTransnationalReferral(transnationalReferralId, request.reason(),
                request.note()));
    }

    @GetMapping("/{transnationalReferralId}")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    TransnationalReferralView find(@PathVariable UUID transnationalReferralId, @AuthenticationPrincipal Jwt token) {
        return views.find(transnationalReferralId, Actor.from(token));
    }

    /** The signed packets this installation issued for the referral, to be carried to the peer. */
    @GetMapping("/{transnationalReferralId}/packets")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    List<JsonNode> packets(@PathVariable UUID transnationalReferralId, @AuthenticationPrincipal Jwt token) {
        return views.packets(transnationalReferralId, Actor.from(token));
    }
}
