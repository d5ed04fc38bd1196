package org.nrmplatform.caseservice.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.nrmplatform.caseservice.approvals.ApprovalRequests;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseAtRetentionEnd;
import org.nrmplatform.caseservice.retention.RetentionPlan.PlannedErasure;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.scheduling.Polling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The daily retention run: once a day, at {@code nrm.retention.run-at} (UTC), it erases the cases whose retention
 * ended, or asks for the approval of each where the installation holds erasures for one. Every instance polls;
 * the day's claim ({@link RetentionRuns}) lets one of them run it. A run takes every case due on or before its
 * day, so a day the platform was down is caught up by the next run; a case is erased once (the case refuses a
 * second erasure) and its approval asked once (its id is the case's and the retention end's).
 *
 * <p>The run acts as a system actor (client {@value #CLIENT_ID}, no person) for the organisation that answers
 * for the case, with the case manager's right to erase it; the approval is that organisation's to decide.
 */
@Component
class DailyRetentionRun extends Polling {

    static final String CLIENT_ID = "nrm-retention";

    private static final Logger log = LoggerFactory.getLogger(DailyRetentionRun.class);

    private final RetentionPlan plan;
    private final RetentionRuns runs;
    private final CommandGateway commands;
    private final ApprovalRequests approvals;
    private final SubjectKeys keys;
    private final RetentionProperties properties;
    private final Clock clock;
    private final String owner = "case-service-" + UUID.randomUUID();

    DailyRetentionRun(RetentionPlan plan, RetentionRuns runs, CommandGateway commands, ApprovalRequests approvals,
                      SubjectKeys keys, RetentionPeriods periods, Clock clock) {
        super("retention-run", periods.properties().pollInterval());
        this.plan = plan;
        this.runs = runs;
        this.commands = commands;
        this.approvals = approvals;
        this.keys = keys;
        this.properties = periods.properties();
        this.clock = clock;
    }

    /** The latest day whose run time has come: today once it is past the run time, else yesterday. */
    LocalDate owedDay(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return now.atZone(ZoneOffset.UTC).toLocalTime().isBefore(properties.runAt()) ? today.minusDays(1) : today;
    }

    /** Runs the owed day's run if no instance has; whether this instance ran it. */
    boolean runOwed() {
        Instant now = clock.instant();
        LocalDate day = owedDay(now);
        if (!runs.claim(day, owner, now, properties.lease())) {
            return false;
        }
        int erased = 0;
        int requested = 0;
        int refused = 0;
        int failed = 0;
        for (PlannedErasure planned : plan.on(day)) {
            Map<String, Object> actor = actorFor(planned.organisationId());
            EraseAtRetentionEnd erasure = new EraseAtRetentionEnd(planned.caseId(), planned.due());
            try {
                switch (planned.step()) {
                    case ERASE -> {
                        commands.sendAndWait(GenericCommandMessage.asCommandMessage(erasure).andMetaData(actor));
                        keys.destroy(planned.caseId().toString());
                        erased++;
                    }
                    case REQUEST_APPROVAL -> {
                        approvals.hold(ApprovedAction.SUBJECT_ERASURE, planned.caseId(), erasure,
                                planned.approvalId(), actor);
                        requested++;
                    }
                    case AWAITING_APPROVAL, NOT_APPROVED -> {
                        // an approver decides, or decided: the run does not ask twice
                    }
                }
            } catch (RuleViolation | AggregateNotFoundException refusal) {
                // erased meanwhile, proceedings opened, the organisation no longer acts on it: the case said no
                log.info("Retention run of {}: case {} not erased: {}", day, planned.caseId(), refusal.getMessage());
                refused++;
            } catch (ConcurrencyException askedBefore) {
                log.info("Retention run of {}: the approval for case {} was asked already", day, planned.caseId());
            } catch (RuntimeException failure) {
                // one case's failure (the store, say) does not hold up the others; the next run takes it again
                log.warn("Retention run of {}: case {} failed; the next run takes it again", day, planned.caseId(),
                        failure);
                failed++;
            }
        }
        runs.done(day, owner, clock.instant(), erased, requested, refused, failed);
        log.info("Retention run of {}: {} erased, {} approvals requested, {} refused, {} failed", day, erased,
                requested, refused, failed);
        return true;
    }

    private static Map<String, Object> actorFor(String organisationId) {
        return new Actor(null, CLIENT_ID, organisationId, null, null, Set.of(Role.CASE_MANAGER)).toMetadata();
    }

    @Override
    protected void poll() {
        try {
            runOwed();
        } catch (RuntimeException e) {
            // the claim lapses with its lease and the day is run again then
            log.warn("The retention run failed; it is run again once its lease of {} lapses", properties.lease(), e);
        }
    }
}
