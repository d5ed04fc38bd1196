package org.nrmplatform.caseservice.retention;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.ApprovalDecided;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.GrantApproval;
import org.nrmplatform.caseservice.approvals.ApprovalStatus;
import org.nrmplatform.caseservice.retention.RetentionPlan.PlannedErasure;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.nrmplatform.shared.security.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Retention over HTTP: the configured periods and the runs, the dry run (what a run on a day would erase and why,
 * erasing nothing), and the approval of every retention erasure waiting for the caller's organisation at once.
 * The lists hold case ids, organisations, rules and dates, no personal data.
 */
@RestController
@RequestMapping("/api/retention")
class RetentionController {

    record Periods(Period notIdentified, Period identified, Period afterProceedings) {
    }

    record Overview(Periods periods, LocalTime runAt, boolean approvalRequired, List<RetentionRuns.Run> runs,
                    List<AwaitingApproval> awaitingApproval) {
    }

    record AwaitingApproval(UUID caseId, UUID approvalId, String organisationId) {
    }

    record DryRun(LocalDate on, boolean approvalRequired, List<PlannedErasure> cases) {
    }

    private final RetentionPlan plan;
    private final RetentionRuns runs;
    private final RetentionFacts facts;
    private final RetentionProperties properties;
    private final CommandGateway commands;
    private final SubjectKeys keys;
    private final Clock clock;

    RetentionController(RetentionPlan plan, RetentionRuns runs, RetentionFacts facts, RetentionPeriods periods,
                        CommandGateway commands, SubjectKeys keys, Clock clock) {
        this.plan = plan;
        this.runs = runs;
        this.facts = facts;
        this.properties = periods.properties();
        this.commands = commands;
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'IDENTIFICATION_AUTHORITY')")
    @Operation(summary = "The retention periods, the last daily runs and the retention erasures awaiting approval")
    Overview overview() {
        List<AwaitingApproval> awaiting = facts.awaitingApproval().stream()
                .map(found -> new AwaitingApproval(UUID.fromString(found.id()), UUID.fromString(found.approvalId()),
                        found.actingOrganisationId()))
                .toList();
        return new Overview(new Periods(properties.notIdentified(), properties.identified(),
                properties.afterProceedings()), properties.runAt(), plan.approvalRequired(), runs.latest(7), awaiting);
    }

    @GetMapping("/dry-run")
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'IDENTIFICATION_AUTHORITY')")
    @Operation(summary = "What a retention run on a day (`on`, default today) would do, case by case, and why; "
            + "erases nothing")
    DryRun dryRun(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        LocalDate day = on == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : on;
        if (day.getYear() < 1900 || day.getYear() > 9999) {
            throw RuleViolation.ruleNotMet("on", "a day between 1900-01-01 and 9999-12-31");
        }
        return new DryRun(day, plan.approvalRequired(), plan.on(day));
    }

    @PostMapping("/approval")
    @PreAuthorize("hasRole('APPROVER')")
    @Operation(summary = "Approve every retention erasure awaiting the caller's organisation (approver, a person); "
            + "each is decided as POST /api/approvals/{id}/approval decides one")
    List<ApprovalDecided> approveAll(@AuthenticationPrincipal Jwt token) {
        Actor approver = Actor.from(token);
        if (approver.userId() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Approvals are given by a person signed in with "
                    + "the approver role, never by an API client");
        }
        List<ApprovalDecided> decided = new ArrayList<>();
        for (RetentionFacts.RetentionCase waiting : facts.awaitingApproval(approver.organisationId())) {
            ApprovalDecided outcome;
            try {
                outcome = commands.sendAndWait(new GrantApproval(UUID.fromString(waiting.approvalId())));
            } catch (RuleViolation decidedMeanwhile) {
                continue; // by another approver since the list was read: theirs stands
            }
            if (outcome.status() == ApprovalStatus.EXECUTED) {
                keys.destroy(outcome.caseId().toString());
            }
            decided.add(outcome);
        }
        return decided;
    }
}
