package org.nrmplatform.caseservice.approvals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.ApprovalDecided;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.GrantApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RejectApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.WithdrawApproval;
import org.nrmplatform.caseservice.approvals.ApprovalList.ApprovalView;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Approvals over HTTP. An organisation's approvals are listed to its approvers and to the roles that request
 * them; whoever asks follows and may withdraw their own requests (first-line professionals only these); only a person with the approver role decides, never an API client (403), never on
 * their own request (409). Every answer opens the held step's personal fields, so it is logged as a read of the
 * case first.
 */
@RestController
@Validated
@RequestMapping("/api/approvals")
class ApprovalController {

    private static final String READERS = "hasAnyRole('APPROVER', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY')";
    /** Who may ask for a held step follows their own requests: first-line professionals send transnational referrals. */
    private static final String REQUESTERS = "hasAnyRole('APPROVER', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY', "
            + "'FIRST_LINE')";

    record RejectionRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandGateway commands;
    private final ApprovalList approvals;
    private final PersonalDataReads reads;
    private final SubjectKeys keys;

    ApprovalController(CommandGateway commands, ApprovalList approvals, PersonalDataReads reads, SubjectKeys keys) {
        this.commands = commands;
        this.approvals = approvals;
        this.reads = reads;
        this.keys = keys;
    }

    @GetMapping
    @PreAuthorize(REQUESTERS)
    @Operation(summary = "The caller's organisation's approvals (approvals waiting for my organisation), or with "
            + "requestedBy=me the caller's own requests (my requests)",
            description = "Pending ones by default, the longest waiting first; `status` EXECUTED, REFUSED, "
                    + "REJECTED or WITHDRAWN for decided ones. With `requestedBy=me`: what the caller asked for, "
                    + "in every state unless `status` is given, the latest first (first-line professionals read "
                    + "only these). Each names the case, the step (`action`) and its fields as requested "
                    + "(`request`), who asked and decided (with their names) and when.")
    ApprovalList.Page list(@RequestParam(required = false) ApprovalStatus status,
                           @RequestParam(required = false) @Pattern(regexp = "me",
                                   message = "only 'me' (the caller's own requests)") String requestedBy,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                           @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        ApprovalList.Page answer;
        if (requestedBy != null) {
            answer = approvals.requestedBy(actor, status, page, size);
        } else if (readsTheOrganisations(actor)) {
            answer = approvals.list(actor.organisationId(), status == null ? ApprovalStatus.PENDING : status, page,
                    size);
        } else {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a first-line professional reads only their "
                    + "own requests: requestedBy=me");
        }
        reads.record(answer.items().stream().map(approval -> UUID.fromString(approval.caseId())).distinct()
                .toList(), "approval-list", actor);
        return answer;
    }

    @GetMapping("/{approvalId}")
    @PreAuthorize(REQUESTERS)
    @Operation(summary = "One approval of the caller's organisation (else 404); a first-line professional's own only")
    ApprovalView get(@PathVariable UUID approvalId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        ApprovalView approval = approvals.find(approvalId, actor.organisationId())
                .filter(found -> readsTheOrganisations(actor) || requestedBy(found, actor))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No approval " + approvalId));
        reads.record(UUID.fromString(approval.caseId()), "approval", actor);
        return approval;
    }

    @PostMapping("/{approvalId}/approval")
    @PreAuthorize("hasRole('APPROVER')")
    @Operation(summary = "Approve: the step is carried out at once as its requester's (approver, a person)",
            description = "The case's rules are checked again now: `status` EXECUTED when the step was taken, "
                    + "REFUSED with the rule's words in `refusal` when not (the approval records it; the case is "
                    + "unchanged). An approval of another organisation is a 404.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "decided: EXECUTED or REFUSED"),
                    @ApiResponse(responseCode = "403", description = "not an approver, or an API client",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "404", description = "no such approval in the caller's organisation",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "409", description = "the caller's own request, or decided already",
                            content = @Content(mediaType = "application/problem+json"))})
    ApprovalDecided approve(@PathVariable UUID approvalId, @AuthenticationPrincipal Jwt token) {
        requirePerson(token);
        ApprovalDecided decided = commands.sendAndWait(new GrantApproval(approvalId));
        if (decided.action() == ApprovedAction.SUBJECT_ERASURE && decided.status() == ApprovalStatus.EXECUTED) {
            // as SubjectErasureController does once SubjectErased is stored; SubjectKeyDestruction would otherwise
            keys.destroy(decided.caseId().toString());
        }
        return decided;
    }

    @PostMapping(path = "/{approvalId}/rejection", consumes = "application/json")
    @PreAuthorize("hasRole('APPROVER')")
    @Operation(summary = "Reject, saying why (approver, a person); the step is never carried out",
            responses = {
                    @ApiResponse(responseCode = "200", description = "REJECTED"),
                    @ApiResponse(responseCode = "400", description = "no reason",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "not an approver, or an API client",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "404", description = "no such approval in the caller's organisation",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "409", description = "the caller's own request, or decided already",
                            content = @Content(mediaType = "application/problem+json"))})
    ApprovalDecided reject(@PathVariable UUID approvalId, @Valid @RequestBody RejectionRequest request,
                           @AuthenticationPrincipal Jwt token) {
        requirePerson(token);
        return commands.sendAndWait(new RejectApproval(approvalId, request.reason()));
    }

    @PostMapping("/{approvalId}/withdrawal")
    @PreAuthorize(REQUESTERS)
    @Operation(summary = "Withdraw one's own request while nobody has decided; the step is never carried out",
            description = "By whoever asked: the same person, or the same API client for a system's request.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "WITHDRAWN"),
                    @ApiResponse(responseCode = "404", description = "no such approval in the caller's organisation",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "409", description = "someone else's request, or decided already",
                            content = @Content(mediaType = "application/problem+json"))})
    ApprovalDecided withdraw(@PathVariable UUID approvalId) {
        return commands.sendAndWait(new WithdrawApproval(approvalId));
    }

    private static boolean readsTheOrganisations(Actor actor) {
        return actor.has(Role.APPROVER) || actor.has(Role.CASE_MANAGER) || actor.has(Role.IDENTIFICATION_AUTHORITY);
    }

    private static boolean requestedBy(ApprovalView approval, Actor actor) {
        return actor.userId() != null ? actor.userId().equals(approval.requestedByUserId())
                : approval.requestedByUserId() == null && actor.clientId().equals(approval.requestedByClientId());
    }

    /** Four eyes are two people's: a token without a user (client credentials) never decides. */
    private static void requirePerson(Jwt token) {
        if (Actor.from(token).userId() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Approvals are given by a person signed in with "
                    + "the approver role, never by an API client");
        }
    }
}
