package org.nrmplatform.caseservice.statistics;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.nrmplatform.caseservice.projections.VersionedCollection;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Business metrics of case-service for operators (counts only, never personal data):
 * <ul>
 * <li>{@code nrm.cases{stage, state}}: cases per stage, open or closed, from the statistics projection's
 * facts in the version now serving, counted at most every {@value #REFRESH_SECONDS} seconds and afresh once
 * a rebuild has switched the version. Every instance reports the same totals: aggregate with {@code max},
 * not {@code sum};</li>
 * <li>{@code nrm.case.identification.duration{outcome}}: from screening to the identification decision,
 * recorded as the decision is stored (processing group {@value #GROUP}, subscribing: each decision is recorded
 * once, by the instance that handled it, so instances add up).</li>
 * </ul>
 */
@Component
@ProcessingGroup(CaseMetrics.GROUP)
class CaseMetrics {

    static final String GROUP = "case-metrics";
    private static final long REFRESH_SECONDS = 15;
    private static final Logger log = LoggerFactory.getLogger(CaseMetrics.class);

    /** Counts per stage and state, of one version's collection, counted at one time. */
    private record Counts(String collection, Instant at, Map<String, Long> cases) {
    }

    private final MongoTemplate mongo;
    private final VersionedCollection facts;
    private final EventStore eventStore;
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile Counts counts = new Counts(null, Instant.MIN, Map.of());

    CaseMetrics(MongoTemplate mongo, CaseStatisticsProjection projection, EventStore eventStore,
                MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.facts = projection.collection();
        this.eventStore = eventStore;
        this.meters = meters;
        for (CaseStage stage : CaseStage.values()) {
            for (String state : new String[] {"open", "closed"}) {
                Gauge.builder("nrm.cases", () -> counts().getOrDefault(stage + "/" + state, 0L))
                        .tags("stage", stage.name(), "state", state)
                        .description("cases per stage, open or closed").register(meters);
            }
        }
    }

    private Map<String, Long> counts() {
        Instant now = clock.instant();
        String collection = facts.current();
        Counts last = counts;
        if (!collection.equals(last.collection()) || last.at().plusSeconds(REFRESH_SECONDS).isBefore(now)) {
            Map<String, Long> fresh = new HashMap<>();
            for (Document row : mongo.aggregate(newAggregation(group("stage", "closed").count().as("cases")),
                    collection, Document.class)) {
                Document key = row.get("_id", Document.class);
                boolean closed = Boolean.TRUE.equals(key.getBoolean("closed"));
                fresh.merge(key.getString("stage") + "/" + (closed ? "closed" : "open"),
                        ((Number) row.get("cases")).longValue(), Long::sum);
            }
            last = new Counts(collection, now, fresh);
            counts = last;
        }
        return last.cases();
    }

    @EventHandler
    void on(IdentificationDecided event, @Timestamp Instant decidedAt) {
        try {
            eventStore.readEvents(event.caseId().toString(), 0).asStream().findFirst()
                    .filter(first -> first.getPayload() instanceof CaseOpened)
                    .map(first -> ((CaseOpened) first.getPayload()).screenedAt())
                    .ifPresent(screenedAt -> Timer.builder("nrm.case.identification.duration")
                            .tag("outcome", event.outcome().name())
                            .description("from screening to the identification decision")
                            .serviceLevelObjectives(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7),
                                    Duration.ofDays(30), Duration.ofDays(60), Duration.ofDays(90),
                                    Duration.ofDays(180), Duration.ofDays(365))
                            .register(meters).record(positive(Duration.between(screenedAt, decidedAt))));
        } catch (RuntimeException e) {
            // a metric must never fail the decision it measures
            log.warn("Could not record the identification duration of a case", e);
        }
    }

    /** A screening dated after the decision (a late correction) counts as zero, not as a negative time. */
    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
