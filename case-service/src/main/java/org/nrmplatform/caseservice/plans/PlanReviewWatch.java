package org.nrmplatform.caseservice.plans;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.nrmplatform.caseservice.plans.PlanCommands.EscalateReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Escalates overdue plan reviews, as referral-service's deadline watch escalates a referral left unanswered: every
 * poll interval it asks the plans ({@link PlanList}) which reviews were due by now, not held and not escalated, and
 * sends each plan {@link EscalateReview}. The due date is durable (in the plan's events, so in the rebuilt view
 * after any restart) and the plan escalates a due date once, so several instances, a repeated poll or a rebuilt view
 * record one escalation each; {@code nrm.plan.reviews.escalated} counts those this instance recorded.
 */
@Component
@EnableConfigurationProperties(PlanProperties.class)
class PlanReviewWatch implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PlanReviewWatch.class);
    /** Recorded in the escalation's metadata: the platform, not a person, escalated. */
    static final MetaData ESCALATED_BY = MetaData.with("escalatedBy", "case-service plan review watch");

    private final PlanList plans;
    private final CommandGateway commands;
    private final PlanProperties properties;
    private final Clock clock;
    private final Counter escalated;
    private ScheduledExecutorService executor;

    PlanReviewWatch(PlanList plans, CommandGateway commands, PlanProperties properties, Clock clock,
                    MeterRegistry meters) {
        this.plans = plans;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
        this.escalated = Counter.builder("nrm.plan.reviews.escalated")
                .description("assistance plan reviews escalated as overdue").register(meters);
    }

    /** Escalates every review overdue now; returns how many this call escalated. */
    int escalateOverdue() {
        int count = 0;
        for (UUID planId : plans.reviewsOverdue(clock.instant())) {
            Boolean done = commands.sendAndWait(GenericCommandMessage.asCommandMessage(new EscalateReview(planId))
                    .andMetaData(ESCALATED_BY));
            if (Boolean.TRUE.equals(done)) {
                escalated.increment();
                count++;
            }
        }
        return count;
    }

    private void poll() {
        try {
            escalateOverdue();
        } catch (RuntimeException e) {
            // the review stays overdue and unescalated in the view: the next poll tries again
            LOG.warn("Escalating overdue plan reviews failed; retrying in {}", properties.pollInterval(), e);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "plan-reviews"));
        long interval = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Stops before Axon's command bus and event processors shut down (they stop in later phases). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
