package org.nrmplatform.caseservice.plans;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.caseservice.audit.CaseEvidence;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.plans.PlanCommands.AgreeService;
import org.nrmplatform.caseservice.plans.PlanCommands.AssessNeed;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordAgreement;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordReview;
import org.nrmplatform.caseservice.plans.PlanCommands.SetGoal;
import org.nrmplatform.caseservice.plans.PlanList.PlanView;
import org.nrmplatform.contracts.plans.AssistancePlanEvents;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * A case's individual assistance plan over HTTP. The case's case managers write it and read it whole; a service
 * provider reads the services it is responsible for (docs/need-to-know.md). Reads are logged in the case's read log.
 * A service is referred with {@code POST /api/referrals} naming its {@code planServiceId} (referral-service).
 */
@RestController
@RequestMapping("/api/cases/{caseId}/plan")
class PlanController {

    static final String WRITERS = "hasRole('CASE_MANAGER')";
    static final String READERS = "hasAnyRole('CASE_MANAGER', 'SERVICE_PROVIDER')";

    /** Ids, when the caller sends them, make a repeated request the same entry (409). */
    record NeedRequest(UUID needId, @NotBlank @Size(max = 64) String domain,
                       @NotBlank @Size(max = 4000) String description) {
    }

    record GoalRequest(UUID goalId, UUID needId, @NotBlank @Size(max = 4000) String description,
                       LocalDate targetDate) {
    }

    record ServiceRequest(UUID serviceId, UUID needId, @NotBlank @Size(max = 64) String serviceType,
                          @NotBlank @Size(max = 64) String providerOrganisationId, @NotNull LocalDate targetDate) {
    }

    record AgreementRequest(@NotNull LocalDate agreedOn, @NotBlank @Size(max = 16) String form,
                            @NotBlank @Size(max = 500) String withWhom, @Size(max = 4000) String note) {
    }

    record ReviewRequest(@NotBlank @Size(max = 8000) String note) {
    }

    /** What was written: the plan, and the need, goal or service added (else null). */
    record Written(UUID planId, UUID caseId, UUID id, Instant nextReviewDueAt) {
    }

    private final PlanWriting writing;
    private final PlanList plans;
    private final CaseEvidence cases;
    private final PersonalDataReads reads;

    PlanController(PlanWriting writing, PlanList plans, CaseEvidence cases, PersonalDataReads reads) {
        this.writing = writing;
        this.plans = plans;
        this.cases = cases;
        this.reads = reads;
    }

    @PostMapping(path = "/needs", consumes = "application/json")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record a need assessed with the person, in a domain of `assistance-domain` (case managers)")
    ResponseEntity<Written> need(@PathVariable UUID caseId, @Valid @RequestBody NeedRequest request) {
        UUID needId = idOr(request.needId());
        return created(caseId, writing.write(caseId, new AssessNeed(planOf(caseId), caseId, needId,
                request.domain(), request.description())), null);
    }

    @PostMapping(path = "/goals", consumes = "application/json")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Set a goal agreed with the person, optionally for a need and by a date (case managers)")
    ResponseEntity<Written> goal(@PathVariable UUID caseId, @Valid @RequestBody GoalRequest request) {
        return created(caseId, writing.write(caseId, new SetGoal(planOf(caseId), caseId, idOr(request.goalId()),
                request.needId(), request.description(), request.targetDate())), null);
    }

    @PostMapping(path = "/services", consumes = "application/json")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Agree a service with the provider responsible and a target date (case managers)")
    ResponseEntity<Written> service(@PathVariable UUID caseId, @Valid @RequestBody ServiceRequest request) {
        return created(caseId, writing.write(caseId, new AgreeService(planOf(caseId), caseId,
                idOr(request.serviceId()), request.needId(), request.serviceType(), request.providerOrganisationId(),
                request.targetDate())), null);
    }

    @PostMapping(path = "/agreement", consumes = "application/json")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record the person's agreement to the plan as it stands (case managers)")
    ResponseEntity<Written> agreement(@PathVariable UUID caseId, @Valid @RequestBody AgreementRequest request) {
        writing.write(caseId, new RecordAgreement(planOf(caseId), request.agreedOn(), request.form(),
                request.withWhom(), request.note()));
        return created(caseId, null, null);
    }

    @PostMapping(path = "/reviews", consumes = "application/json")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record a review of the plan with the person; the next is due an interval later")
    ResponseEntity<Written> review(@PathVariable UUID caseId, @Valid @RequestBody ReviewRequest request) {
        Instant next = writing.write(caseId, new RecordReview(planOf(caseId), request.note()));
        return created(caseId, null, next);
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "The case's plan as the caller may read it: whole for its case managers (empty before the "
            + "first entry), a provider's own services for a provider (else 404)")
    PlanView get(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        Optional<CaseAccess> access = cases.accessTo(caseId);
        UUID planId = planOf(caseId);
        Optional<PlanView> plan = plans.find(planId, actor, access);
        if (plan.isEmpty() && PlanList.wholeFor(actor, access)) {
            return new PlanView(planId.toString(), caseId.toString(), null, null, null, null, false, List.of(),
                    List.of(), List.of(), null, List.of(), false);
        }
        PlanView found = plan.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No plan of case " + caseId + " that you may read"));
        reads.record(caseId, "assistance-plan", actor);
        return found;
    }

    private static UUID planOf(UUID caseId) {
        return AssistancePlanEvents.planIdOf(caseId);
    }

    private static UUID idOr(UUID given) {
        return given != null ? given : UUID.randomUUID();
    }

    private static ResponseEntity<Written> created(UUID caseId, UUID id, Instant nextReviewDueAt) {
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/plan"))
                .body(new Written(planOf(caseId), caseId, id, nextReviewDueAt));
    }
}
