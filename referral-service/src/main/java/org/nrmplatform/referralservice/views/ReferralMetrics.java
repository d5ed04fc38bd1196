package org.nrmplatform.referralservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.contracts.referrals.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Business metrics of referral-service for operators (counts only):
 * <ul>
 * <li>{@code nrm.referrals.pending{urgency}}: referrals requested and not yet answered, and
 * {@code nrm.referrals.overdue{urgency}}: those of them past their respond-by instant, from the referral
 * views, counted at most every {@value #REFRESH_SECONDS} seconds (the same on every instance: aggregate with
 * {@code max});</li>
 * <li>{@code nrm.referral.response.duration{outcome, urgency}}: from request to the provider's acceptance or
 * decline, recorded as the answer is stored (processing group {@value #GROUP}, subscribing: by the instance
 * that stored it, so instances add up).</li>
 * </ul>
 */
@Component
@ProcessingGroup(ReferralMetrics.GROUP)
class ReferralMetrics {

    static final String GROUP = "referral-metrics";
    private static final long REFRESH_SECONDS = 15;
    private static final Logger log = LoggerFactory.getLogger(ReferralMetrics.class);

    private record Counts(Map<Urgency, Long> pending, Map<Urgency, Long> overdue) {
    }

    private final MongoTemplate mongo;
    private final EventStore eventStore;
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile Counts counts = new Counts(Map.of(), Map.of());
    private volatile Instant countedAt = Instant.MIN;

    ReferralMetrics(MongoTemplate mongo, EventStore eventStore, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.eventStore = eventStore;
        this.meters = meters;
        for (Urgency urgency : Urgency.values()) {
            Gauge.builder("nrm.referrals.pending", () -> counts().pending().getOrDefault(urgency, 0L))
                    .tag("urgency", urgency.name()).description("referrals requested and not yet answered")
                    .register(meters);
            Gauge.builder("nrm.referrals.overdue", () -> counts().overdue().getOrDefault(urgency, 0L))
                    .tag("urgency", urgency.name()).description("unanswered referrals past their respond-by")
                    .register(meters);
        }
    }

    private Counts counts() {
        Instant now = clock.instant();
        if (countedAt.plusSeconds(REFRESH_SECONDS).isBefore(now)) {
            Map<Urgency, Long> pending = new EnumMap<>(Urgency.class);
            Map<Urgency, Long> overdue = new EnumMap<>(Urgency.class);
            for (Urgency urgency : Urgency.values()) {
                pending.put(urgency, mongo.count(new Query(where("status").is(ReferralStatus.REQUESTED)
                        .and("urgency").is(urgency)), ReferralView.COLLECTION));
                overdue.put(urgency, mongo.count(new Query(where("status").is(ReferralStatus.REQUESTED)
                        .and("urgency").is(urgency).and("respondBy").lt(now)), ReferralView.COLLECTION));
            }
            counts = new Counts(pending, overdue);
            countedAt = now;
        }
        return counts;
    }

    @EventHandler
    void on(ReferralAccepted event, @Timestamp Instant answeredAt) {
        record(event.referralId().toString(), "ACCEPTED", answeredAt);
    }

    @EventHandler
    void on(ReferralDeclined event, @Timestamp Instant answeredAt) {
        record(event.referralId().toString(), "DECLINED", answeredAt);
    }

    private void record(String referralId, String outcome, Instant answeredAt) {
        try {
            eventStore.readEvents(referralId, 0).asStream().findFirst()
                    .filter(first -> first.getPayload() instanceof ReferralRequested)
                    .ifPresent(first -> Timer.builder("nrm.referral.response.duration")
                            .tags("outcome", outcome,
                                    "urgency", ((ReferralRequested) first.getPayload()).urgency().name())
                            .description("from the referral's request to the provider's answer")
                            .serviceLevelObjectives(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4),
                                    Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(30))
                            .register(meters).record(positive(Duration.between(first.getTimestamp(), answeredAt))));
        } catch (RuntimeException e) {
            // a metric must never fail the answer it measures
            log.warn("Could not record the response duration of a referral", e);
        }
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
