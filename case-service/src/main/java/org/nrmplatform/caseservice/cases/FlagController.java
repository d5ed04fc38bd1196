package org.nrmplatform.caseservice.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.cases.CaseCommands.LiftFlag;
import org.nrmplatform.caseservice.cases.CaseCommands.RaiseFlag;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flags on a case: warnings everyone who sees the case sees at its top (every case view carries the active
 * ones). Raised and lifted by the roles that work the case (first-line, case manager, identification
 * authority), each within the cases it may see; a service provider sees them but does not raise them. Both
 * answer with the case's resulting stage and version, as every write on a case does.
 */
@RestController
@RequestMapping(path = "/api/cases/{caseId}/flags", consumes = "application/json")
class FlagController {

    static final String WORKING_ROLES = "hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'IDENTIFICATION_AUTHORITY')";

    /** {@code flagId}, when the caller sends one, makes a repeated request the same flag (409), never two. */
    record RaiseFlagRequest(UUID flagId, @NotBlank @Size(max = 64) String category,
                            @NotBlank @Size(max = 2000) String reason) {
    }

    record LiftFlagRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandGateway commands;

    FlagController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @PreAuthorize(WORKING_ROLES)
    ResponseEntity<CaseStatus> raise(@PathVariable UUID caseId, @Valid @RequestBody RaiseFlagRequest request,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @AuthenticationPrincipal Jwt token) {
        UUID flagId = request.flagId() != null ? request.flagId() : UUID.randomUUID();
        CaseStatus status = commands.sendAndWait(new RaiseFlag(caseId, flagId, request.category(), request.reason(),
                Actor.from(token).organisationId(), CaseController.version(ifMatch)));
        return ResponseEntity.status(HttpStatus.CREATED).eTag("\"" + status.version() + "\"")
                .header("Flag-Id", flagId.toString()).body(status);
    }

    @PostMapping("/{flagId}/lifting")
    @PreAuthorize(WORKING_ROLES)
    ResponseEntity<CaseStatus> lift(@PathVariable UUID caseId, @PathVariable UUID flagId,
                                    @Valid @RequestBody LiftFlagRequest request,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        CaseStatus status = commands.sendAndWait(new LiftFlag(caseId, flagId, request.reason(),
                CaseController.version(ifMatch)));
        return ResponseEntity.ok().eTag("\"" + status.version() + "\"").body(status);
    }
}
