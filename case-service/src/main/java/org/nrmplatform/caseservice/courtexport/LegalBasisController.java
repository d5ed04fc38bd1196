package org.nrmplatform.caseservice.courtexport;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.audit.CaseEvidence;
import org.nrmplatform.caseservice.courtexport.AuditCommands.CloseLegalBasis;
import org.nrmplatform.caseservice.courtexport.AuditCommands.RecordLegalBasis;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A prosecutor records the legal basis on which its office may have a case's court export: the proceedings
 * and who asked. It is an event (on the case's own stream of legal bases), so the export, and anyone
 * verifying the case, sees who recorded which basis when.
 */
@RestController
class LegalBasisController {

    record LegalBasisRequest(@NotBlank @Size(max = 500) String reference, @NotBlank @Size(max = 500) String requestedBy) {
    }

    record Recorded(UUID caseId, UUID legalBasisId, String reference, String requestedBy) {
    }

    private final CommandGateway commands;
    private final CaseEvidence evidence;

    LegalBasisController(CommandGateway commands, CaseEvidence evidence) {
        this.commands = commands;
        this.evidence = evidence;
    }

    @PostMapping(path = "/api/cases/{caseId}/legal-basis", consumes = "application/json")
    @PreAuthorize("hasRole('PROSECUTOR')")
    ResponseEntity<Recorded> record(@PathVariable UUID caseId, @Valid @RequestBody LegalBasisRequest request) {
        if (!evidence.exists(caseId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        UUID legalBasisId = UUID.randomUUID();
        commands.sendAndWait(new RecordLegalBasis(AuditEvents.legalBasesOf(caseId), caseId, legalBasisId,
                new LegalBasis(request.reference(), request.requestedBy())));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/audit-export?legalBasisId=" + legalBasisId))
                .body(new Recorded(caseId, legalBasisId, request.reference(), request.requestedBy()));
    }

    record Closed(UUID caseId, UUID legalBasisId) {
    }

    /** The proceedings ended: from then the case's retention after proceedings runs (README "Retention"). */
    @PostMapping(path = "/api/cases/{caseId}/legal-basis/{legalBasisId}/closure")
    @PreAuthorize("hasRole('PROSECUTOR')")
    Closed close(@PathVariable UUID caseId, @PathVariable UUID legalBasisId) {
        if (!evidence.exists(caseId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        commands.sendAndWait(new CloseLegalBasis(AuditEvents.legalBasesOf(caseId), caseId, legalBasisId));
        return new Closed(caseId, legalBasisId);
    }
}
