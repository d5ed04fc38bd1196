package org.nrmplatform.caseservice.erasure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.approvals.ApprovalRequests;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.caseservice.cases.CaseStatus;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseSubject;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of a data subject's personal data (crypto-shredding): the {@code SubjectErased} event is recorded
 * first, with who and on what legal basis; then the case's key is destroyed, so every sealed value of the case
 * and its referrals, in every event, projection and backup, opens as erased from then on. Should the key's
 * destruction fail or the service stop in between, {@link SubjectKeyDestruction} finishes it from the event.
 */
@RestController
class SubjectErasureController {

    record ErasureRequest(@NotNull @Valid LegalBasisRequest legalBasis) {
    }

    record LegalBasisRequest(@NotBlank @Size(max = 500) String reference, @NotBlank @Size(max = 500) String requestedBy) {
    }

    private final CommandGateway commands;
    private final SubjectKeys keys;
    private final ApprovalRequests approvals;

    SubjectErasureController(CommandGateway commands, SubjectKeys keys, ApprovalRequests approvals) {
        this.commands = commands;
        this.keys = keys;
        this.approvals = approvals;
    }

    @PostMapping(path = "/api/cases/{caseId}/subject-erasure", consumes = "application/json")
    @PreAuthorize("hasAnyRole('CASE_MANAGER', 'IDENTIFICATION_AUTHORITY')")
    @Operation(summary = "Erases the data subject's personal data (held for approval where the installation says so)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "erased: the case's stage and version"),
                    @ApiResponse(responseCode = "202", description = "held for a second person's approval "
                            + "(nrm.approvals.required): nothing is erased until an approver of the caller's "
                            + "organisation approves; Location names the approval to follow", content = @Content(
                            schema = @Schema(implementation = ApprovalRequests.Held.class)))})
    ResponseEntity<?> erase(@PathVariable UUID caseId, @Valid @RequestBody ErasureRequest request) {
        EraseSubject erasure = new EraseSubject(caseId,
                new LegalBasis(request.legalBasis().reference(), request.legalBasis().requestedBy()));
        if (approvals.required(ApprovedAction.SUBJECT_ERASURE)) {
            ApprovalRequests.Held held = approvals.hold(ApprovedAction.SUBJECT_ERASURE, caseId, erasure);
            return ResponseEntity.accepted().location(held.location()).body(held);
        }
        CaseStatus status = commands.sendAndWait(erasure);
        keys.destroy(caseId.toString());
        return ResponseEntity.ok().eTag("\"" + status.version() + "\"").body(status);
    }
}
