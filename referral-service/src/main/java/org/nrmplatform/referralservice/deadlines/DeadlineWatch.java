package org.nrmplatform.referralservice.deadlines;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.nrmplatform.contracts.providers.ProviderEvents;
import org.nrmplatform.referralservice.referrals.ReferralCommands.EscalateReferral;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.WarnOfLicenceExpiry;
import org.nrmplatform.referralservice.tasks.TaskCommands.EscalateTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.RemindTask;
import org.nrmplatform.shared.scheduling.Polling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Fires due deadlines: every poll interval it claims each due deadline in turn and sends its command (escalates
 * a referral; reminds of a task or escalates it; alerts that a provider's licence expires soon). Runs in every instance; the claim makes sure one instance fires
 * each deadline, and each command is idempotent in its aggregate, so a deadline fired again after a lapsed lease
 * still acts once.
 */
@Component
@EnableConfigurationProperties(DeadlineProperties.class)
class DeadlineWatch extends Polling {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    /** Recorded in the escalation's metadata: the platform, not a person, escalated. */
    static final MetaData ESCALATED_BY = MetaData.with("escalatedBy", "referral-service deadline watch");

    private final DueDeadlines deadlines;
    private final CommandGateway commands;
    private final DeadlineProperties properties;
    private final Clock clock;

    DeadlineWatch(MongoTemplate mongo, CommandGateway commands, DeadlineProperties properties, Clock clock) {
        super("referral-deadlines", properties.pollInterval());
        this.deadlines = new DueDeadlines(mongo, "referral-service-" + UUID.randomUUID(), properties.lease());
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    /** Fires every deadline due now; returns how many this instance fired. */
    int fireDue() {
        int fired = 0;
        Optional<Deadline> due;
        while ((due = deadlines.claim(clock.instant())).isPresent()) {
            Deadline deadline = due.get();
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(commandFor(deadline))
                    .andMetaData(ESCALATED_BY));
            if (deadlines.fired(deadline, clock.instant())) {
                fired++;
            }
        }
        return fired;
    }

    private static Object commandFor(Deadline deadline) {
        return switch (deadline.kindOrResponse()) {
            case REFERRAL_RESPONSE -> new EscalateReferral(deadline.targetId());
            case TASK_REMINDER -> new RemindTask(deadline.targetId());
            case TASK_DUE -> new EscalateTask(deadline.targetId());
            case LICENCE_EXPIRY -> new WarnOfLicenceExpiry(ProviderEvents.streamOf(deadline.targetId()),
                    UUID.fromString(deadline.licence()), LocalDate.parse(deadline.expiresOn()));
        };
    }

    @Override
    protected void poll() {
        try {
            fireDue();
        } catch (RuntimeException e) {
            // the claim lapses with its lease and the deadline is fired again then
            log.warn("Firing due referral deadlines failed; retrying after the lease of {}", properties.lease(), e);
        }
    }
}
