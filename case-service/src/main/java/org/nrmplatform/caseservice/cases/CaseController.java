package org.nrmplatform.caseservice.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.approvals.ApprovalRequests;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.caseservice.cases.CaseCommands.AppointGuardian;
import org.nrmplatform.caseservice.cases.CaseCommands.CloseCase;
import org.nrmplatform.caseservice.cases.CaseCommands.DecideIdentification;
import org.nrmplatform.caseservice.cases.CaseCommands.FlagPresumedVictim;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCase;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordConsent;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordIndicatorAssessment;
import org.nrmplatform.caseservice.cases.CaseCommands.StartReflectionPeriod;
import org.nrmplatform.contracts.cases.ConsentDecision;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.caseservice.organisations.KnownOrganisations;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.PlausibleTime;
import org.nrmplatform.shared.domain.RuleViolation;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * The write side of cases over HTTP: each call becomes one command. Writes answer with the case's
 * resulting stage and version (also as ETag); a caller that sends {@code If-Match: "<version>"} is refused
 * with 409 if somebody else changed the case since. Each endpoint states the roles that may call it;
 * the case itself decides whether the caller may see it (see {@link CaseAccess}).
 */
@RestController
@RequestMapping(path = "/api/cases", consumes = "application/json")
class CaseController {

    record OpenCaseRequest(UUID caseId, @NotBlank String detectingSector,
                           @NotNull @PlausibleTime Instant screenedAt,
                           @NotNull @Valid LocationRequest location,
                           @NotNull @Valid DataSubjectRequest dataSubject) {
    }

    record LocationRequest(@NotBlank @Size(min = 2, max = 2) String country, @NotBlank String municipality,
                           String place) {
    }

    record DataSubjectRequest(@Size(max = 200) String givenName, @Size(max = 200) String familyName,
                              @PlausibleTime LocalDate dateOfBirth,
                              @NotNull AgeCategory ageCategory,
                              @NotBlank String sex, List<@NotBlank @Size(min = 2, max = 2) String> citizenship) {
    }

    record AssessmentRequest(UUID assessmentId, @NotBlank String indicatorSetId,
                             @NotEmpty Map<String, @NotNull IndicatorAnswer> answers,
                             @NotNull @PlausibleTime Instant assessedAt) {
    }

    /** {@code responsibleOrganisationId} may be left out by a case manager taking the case on itself. */
    record PresumedVictimRequest(@NotBlank @Size(max = 4000) String grounds,
                                 @Size(max = 64) String responsibleOrganisationId) {
    }

    record IdentificationDecisionRequest(@NotNull IdentificationOutcome outcome,
                                         @NotBlank @Size(max = 4000) String reasons,
                                         List<@NotBlank String> typesOfExploitation,
                                         List<@NotBlank String> methodsOfControl) {
    }

    record GuardianRequest(@NotBlank @Size(max = 200) String guardianName,
                           @Size(max = 200) String guardianOrganisation,
                           @NotNull @PlausibleTime LocalDate appointedOn) {
    }

    /**
     * A consent given names its purposes and, for a referral, the services and the recipient: an organisation
     * of this NRM, or for a transnational referral only, the peer installation (which referral-service checks
     * against its configured peers when the referral is sent). A withdrawal names only the consent.
     */
    record ConsentRequest(UUID consentId, @NotNull ConsentDecision decision, ConsentGiver givenBy,
                          List<@NotBlank @Size(max = 64) String> purposes,
                          List<@NotBlank @Size(max = 64) String> serviceTypes,
                          @Size(max = 64) String recipientOrganisationId, @Size(max = 2000) String note) {
    }

    /** Consent purposes that disclose the case to a recipient for a service. */
    private static final List<String> REFERRAL_PURPOSES = List.of("REFERRAL", "TRANSNATIONAL_REFERRAL");

    record ReflectionPeriodRequest(@NotNull @PlausibleTime(future = true) LocalDate startDate,
                                   @NotNull @PlausibleTime(future = true) LocalDate legalEndDate,
                                   @Size(max = 500) String legalBasis) {
    }

    record ClosureRequest(@NotBlank String reason, @Size(max = 4000) String note) {
    }

    /** What a held step's 202 says (OpenAPI). */
    static final String HELD = "held for a second person's approval (nrm.approvals.required): nothing is changed "
            + "until an approver of the caller's organisation approves; Location names the approval to follow";

    private final CommandGateway commands;
    private final CaseOpening opening;
    private final KnownOrganisations organisations;
    private final ApprovalRequests approvals;

    CaseController(CommandGateway commands, CaseOpening opening, KnownOrganisations organisations,
                   ApprovalRequests approvals) {
        this.commands = commands;
        this.opening = opening;
        this.organisations = organisations;
        this.approvals = approvals;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    ResponseEntity<CaseStatus> open(@Valid @RequestBody OpenCaseRequest request, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        UUID caseId = request.caseId() != null ? request.caseId() : UUID.randomUUID();
        DataSubjectRequest subject = request.dataSubject();
        CaseStatus status = opening.open(new OpenCase(caseId, request.detectingSector(), request.screenedAt(),
                new ScreeningLocation(request.location().country(), request.location().municipality(),
                        request.location().place()),
                new DataSubject(subject.givenName(), subject.familyName(), subject.dateOfBirth(),
                        subject.ageCategory(), subject.sex(),
                        subject.citizenship() == null ? List.of() : List.copyOf(subject.citizenship())),
                actor.organisationId()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).eTag(etag(status)).body(status);
    }

    @PostMapping("/{caseId}/indicator-assessments")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    ResponseEntity<AssessmentRecorded> assess(@PathVariable UUID caseId, @Valid @RequestBody AssessmentRequest request,
                                              @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        UUID assessmentId = request.assessmentId() != null ? request.assessmentId() : UUID.randomUUID();
        AssessmentRecorded recorded = commands.sendAndWait(new RecordIndicatorAssessment(caseId, assessmentId,
                request.indicatorSetId(), Map.copyOf(request.answers()), request.assessedAt(), version(ifMatch)));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(recorded.status())).body(recorded);
    }

    @PostMapping("/{caseId}/presumed-victim")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    ResponseEntity<CaseStatus> flagPresumedVictim(@PathVariable UUID caseId,
                                                  @Valid @RequestBody PresumedVictimRequest request,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        String responsible = request.responsibleOrganisationId();
        if (responsible == null) {
            if (!actor.has(Role.CASE_MANAGER)) {
                throw RuleViolation.ruleNotMet("responsibleOrganisationId",
                        "name the case-manager organisation that takes the case on");
            }
            responsible = actor.organisationId();
        }
        return answer(commands.sendAndWait(new FlagPresumedVictim(caseId, request.grounds(), responsible,
                version(ifMatch))));
    }

    @PostMapping("/{caseId}/identification-decision")
    @PreAuthorize("hasAnyRole('IDENTIFICATION_AUTHORITY')")
    @Operation(summary = "The identification decision (held for approval where the installation says so)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "decided: the case's stage and version"),
                    @ApiResponse(responseCode = "202", description = HELD, content = @Content(
                            schema = @Schema(implementation = ApprovalRequests.Held.class)))})
    ResponseEntity<?> decide(@PathVariable UUID caseId,
                             @Valid @RequestBody IdentificationDecisionRequest request,
                             @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        DecideIdentification decision = new DecideIdentification(caseId, request.outcome(), request.reasons(),
                orEmpty(request.typesOfExploitation()), orEmpty(request.methodsOfControl()), version(ifMatch));
        if (approvals.required(ApprovedAction.IDENTIFICATION_DECISION)) {
            return held(approvals.hold(ApprovedAction.IDENTIFICATION_DECISION, caseId, decision));
        }
        return answer(commands.sendAndWait(decision));
    }

    /** By the case manager, or by the identification authority, whose decision on a child's case needs one. */
    @PostMapping("/{caseId}/guardian")
    @PreAuthorize("hasAnyRole('CASE_MANAGER', 'IDENTIFICATION_AUTHORITY')")
    ResponseEntity<CaseStatus> appointGuardian(@PathVariable UUID caseId, @Valid @RequestBody GuardianRequest request,
                                               @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return answer(commands.sendAndWait(new AppointGuardian(caseId, request.guardianName(),
                request.guardianOrganisation(), request.appointedOn(), version(ifMatch))));
    }

    @PostMapping("/{caseId}/consents")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    ResponseEntity<CaseStatus> recordConsent(@PathVariable UUID caseId, @Valid @RequestBody ConsentRequest request,
                                             @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        if (request.decision() == ConsentDecision.GIVEN) {
            requireScope(request);
        }
        UUID consentId = request.consentId() != null ? request.consentId() : UUID.randomUUID();
        CaseStatus status = commands.sendAndWait(new RecordConsent(caseId, consentId, request.decision(),
                request.givenBy() != null ? request.givenBy() : ConsentGiver.DATA_SUBJECT,
                orEmpty(request.purposes()), orEmpty(request.serviceTypes()), request.recipientOrganisationId(),
                request.note(), version(ifMatch)));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(status))
                .header("Consent-Id", consentId.toString()).body(status);
    }

    @PostMapping("/{caseId}/reflection-period")
    @PreAuthorize("hasAnyRole('CASE_MANAGER')")
    ResponseEntity<CaseStatus> startReflectionPeriod(@PathVariable UUID caseId,
                                                     @Valid @RequestBody ReflectionPeriodRequest request,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return answer(commands.sendAndWait(new StartReflectionPeriod(caseId, request.startDate(),
                request.legalEndDate(), request.legalBasis(), version(ifMatch))));
    }

    @PostMapping("/{caseId}/closure")
    @PreAuthorize("hasAnyRole('CASE_MANAGER')")
    @Operation(summary = "Closes the case (held for approval where the installation says so)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "closed: the case's stage and version"),
                    @ApiResponse(responseCode = "202", description = HELD, content = @Content(
                            schema = @Schema(implementation = ApprovalRequests.Held.class)))})
    ResponseEntity<?> close(@PathVariable UUID caseId, @Valid @RequestBody ClosureRequest request,
                            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        CloseCase closure = new CloseCase(caseId, request.reason(), request.note(), version(ifMatch));
        if (approvals.required(ApprovedAction.CASE_CLOSURE)) {
            return held(approvals.hold(ApprovedAction.CASE_CLOSURE, caseId, closure));
        }
        return answer(commands.sendAndWait(closure));
    }

    /** A step held for approval: 202 with where to follow the approval. */
    static ResponseEntity<ApprovalRequests.Held> held(ApprovalRequests.Held held) {
        return ResponseEntity.accepted().location(held.location()).body(held);
    }

    /** What a consent given must say for it to cover anything, refused before it is stored. */
    private void requireScope(ConsentRequest request) {
        List<String> purposes = orEmpty(request.purposes());
        if (purposes.isEmpty()) {
            throw RuleViolation.ruleNotMet("purposes", "a consent given names at least one purpose "
                    + "(code list consent-purpose)");
        }
        boolean referral = purposes.stream().anyMatch(REFERRAL_PURPOSES::contains);
        if (referral && orEmpty(request.serviceTypes()).isEmpty()) {
            throw RuleViolation.ruleNotMet("serviceTypes", "a consent to a referral names the services it "
                    + "covers (code list service-type)");
        }
        String recipient = request.recipientOrganisationId();
        if (recipient == null || recipient.isBlank()) {
            if (referral) {
                throw RuleViolation.ruleNotMet("recipientOrganisationId", "a consent to a referral names the "
                        + "organisation it may be disclosed to");
            }
            return;
        }
        boolean peerInstallation = purposes.equals(List.of("TRANSNATIONAL_REFERRAL"));
        if (!peerInstallation && !organisations.contains(recipient)) {
            throw RuleViolation.ruleNotMet("recipientOrganisationId", recipient + " is not an organisation "
                    + "known to this NRM; if it was registered moments ago, retry");
        }
    }

    private static ResponseEntity<CaseStatus> answer(CaseStatus status) {
        return ResponseEntity.ok().eTag(etag(status)).body(status);
    }

    private static String etag(CaseStatus status) {
        return "\"" + status.version() + "\"";
    }

    /** The version in an If-Match header ("3", W/"3" or 3), or null when the caller sent none. */
    static Long version(String ifMatch) {
        return IfMatch.version(ifMatch);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
