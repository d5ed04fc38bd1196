package org.nrmplatform.referralservice.referrals;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.referralservice.referrals.ReferralCommands.AcceptReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.CompleteReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.DeclineReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.RecordAssistanceStep;
import org.nrmplatform.referralservice.referrals.ReferralCommands.WithdrawReferral;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.PlausibleTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The write side of referrals over HTTP: each call becomes one command and answers with the referral's
 * resulting status. The referring organisation's first-line professionals and case managers request and
 * withdraw; the provider's service-provider staff answer, record steps and complete. To anyone else a
 * referral does not exist (404).
 */
@RestController
@RequestMapping(path = "/api/referrals", consumes = "application/json")
class ReferralController {

    record ReferralRequest(UUID referralId, @NotNull UUID caseId, @NotBlank @Size(max = 64) String providerOrganisationId,
                           @NotBlank String serviceType, @NotNull Urgency urgency,
                           @NotNull @PlausibleTime(future = true) Instant respondBy,
                           @Size(max = 2000) String note, UUID planServiceId) {
    }

    record AcceptanceRequest(@Size(max = 2000) String note) {
    }

    record DeclineRequest(@NotBlank String reason, @Size(max = 2000) String note) {
    }

    record WithdrawalRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    record AssistanceStepRequest(UUID stepId, @NotBlank String serviceType,
                                 @NotNull @PlausibleTime Instant deliveredAt,
                                 @NotBlank @Size(max = 200) String deliveredBy,
                                 @NotBlank @Size(max = 4000) String outcome) {
    }

    record CompletionRequest(@Size(max = 4000) String outcome) {
    }

    private final CommandGateway commands;
    private final ReferralRequests requests;

    ReferralController(CommandGateway commands, ReferralRequests requests) {
        this.commands = commands;
        this.requests = requests;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    ResponseEntity<ReferralState> request(@Valid @RequestBody ReferralRequest request,
                                          @AuthenticationPrincipal Jwt token) {
        UUID referralId = request.referralId() != null ? request.referralId() : UUID.randomUUID();
        ReferralState state = requests.request(new ReferralRequests.Request(referralId, request.caseId(),
                request.providerOrganisationId(), request.serviceType(), request.urgency(), request.respondBy(),
                request.note(), request.planServiceId()), Actor.from(token));
        return ResponseEntity.created(URI.create("/api/referrals/" + referralId)).body(state);
    }

    @PostMapping("/{referralId}/acceptance")
    @PreAuthorize("hasRole('SERVICE_PROVIDER')")
    ReferralState accept(@PathVariable UUID referralId,
                         @Valid @RequestBody(required = false) AcceptanceRequest request) {
        return commands.sendAndWait(new AcceptReferral(referralId, request == null ? null : request.note()));
    }

    @PostMapping("/{referralId}/decline")
    @PreAuthorize("hasRole('SERVICE_PROVIDER')")
    ReferralState decline(@PathVariable UUID referralId, @Valid @RequestBody DeclineRequest request) {
        return commands.sendAndWait(new DeclineReferral(referralId, request.reason(), request.note()));
    }

    @PostMapping("/{referralId}/withdrawal")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    ReferralState withdraw(@PathVariable UUID referralId, @Valid @RequestBody WithdrawalRequest request) {
        return commands.sendAndWait(new WithdrawReferral(referralId, request.reason()));
    }

    @PostMapping("/{referralId}/assistance-steps")
    @PreAuthorize("hasRole('SERVICE_PROVIDER')")
    ResponseEntity<ReferralState> recordStep(@PathVariable UUID referralId,
                                             @Valid @RequestBody AssistanceStepRequest request) {
        UUID stepId = request.stepId() != null ? request.stepId() : UUID.randomUUID();
        ReferralState state = commands.sendAndWait(new RecordAssistanceStep(referralId, stepId,
                request.serviceType(), request.deliveredAt(), request.deliveredBy(), request.outcome()));
        return ResponseEntity.status(HttpStatus.CREATED).body(state);
    }

    @PostMapping("/{referralId}/completion")
    @PreAuthorize("hasRole('SERVICE_PROVIDER')")
    ReferralState complete(@PathVariable UUID referralId,
                           @Valid @RequestBody(required = false) CompletionRequest request) {
        return commands.sendAndWait(new CompleteReferral(referralId, request == null ? null : request.outcome()));
    }
}
