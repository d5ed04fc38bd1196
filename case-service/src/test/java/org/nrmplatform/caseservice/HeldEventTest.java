package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.observability.EventErrorPolicy;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.EveryProcessor;
import org.nrmplatform.shared.testing.Progress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An event a projection cannot apply, in the running service: the live processor holds at it (the events
 * after it wait), readiness is DOWN naming the event while liveness stays UP, and once the handler can apply
 * it the processor resumes and applies everything, none skipped. A rebuild held the same way says HELD in its
 * status and DOWN in health, naming the event, and completes once the event applies. The projection is a
 * test-only one that refuses a chosen case; case-service's own projections run beside it.
 */
@Import(HeldEventTest.Refusing.class)
class HeldEventTest extends ApiTest {

    static final String PROJECTION = "test-refusing-cases";

    /** A rebuildable projection of the cases opened, refusing the one case named in {@link #refused}. */
    @TestConfiguration
    static class Refusing {
        static volatile UUID refused;
        static volatile UUID refusedByRebuild;
        static final Map<String, List<UUID>> applied = new ConcurrentHashMap<>();

        /** The live instance writes the current version; a rebuild's copy another, and refuses its own case. */
        @ProcessingGroup(PROJECTION)
        static class Projection extends RebuildableProjection {
            Projection(MongoTemplate mongo, ProjectionVersions versions) {
                super(mongo, versions, PROJECTION);
            }

            @EventHandler
            void on(CaseOpened event) {
                if (target().equals(collection().current())) {
                    apply(PROJECTION, event.caseId(), refused); // the live instance, whichever version serves
                } else {
                    apply(target(), event.caseId(), refusedByRebuild);
                }
            }
        }

        static void apply(String collection, UUID caseId, UUID refusing) {
            if (caseId.equals(refusing)) {
                throw new IllegalStateException("test projection refuses case " + caseId);
            }
            applied.computeIfAbsent(collection, c -> new CopyOnWriteArrayList<>()).add(caseId);
        }

        @Bean
        Projection refusingProjection(MongoTemplate mongo, ProjectionVersions versions) {
            return new Projection(mongo, versions);
        }
    }

    @Autowired
    EventErrorPolicy policy;
    @Autowired
    MeterRegistry meters;

    @AfterEach
    void repair() {
        Refusing.refused = null;
        Refusing.refusedByRebuild = null;
    }

    @Test
    void aLiveProcessorHeldAtAnEventIsNotReadyNamesItAndAppliesEverythingOnceItCan() {
        UUID before = openCase();
        awaitProcessing().until(() -> applied(PROJECTION).contains(before));
        UUID refused = UUID.randomUUID();
        Refusing.refused = refused;
        assertThat(openCase(refused)).isEqualTo(refused);
        UUID after = openCase();
        awaitProcessing().until(() -> firstLine.get("/api/cases/" + after).status() == 200);

        Answer readiness = awaitProcessing().until(() -> anonymous.get("/actuator/health/readiness"),
                answer -> answer.status() == 503);
        assertThat(readiness.body().get("status").asString()).isEqualTo("DOWN");
        JsonNode held = readiness.body().at("/components/eventProcessors/details/" + PROJECTION + "/errors/0");
        assertThat(held.get("event").asString()).isEqualTo("CaseOpened");
        assertThat(held.get("aggregate").asString()).endsWith(refused.toString());
        assertThat(held.get("sequence").asLong()).isZero();
        assertThat(held.get("globalIndex").asLong()).isPositive();
        assertThat(held.get("error").asString()).contains("test projection refuses case " + refused);
        assertThat(anonymous.get("/actuator/health/liveness").status()).as("a restart cures nothing").isEqualTo(200);
        // the other processors are not held: the case is visible in case-service's own views
        assertThat(firstLine.get("/api/cases/" + refused).status()).isEqualTo(200);
        // retried with back-off, never passed: the case opened after it waits
        awaitRetries(1);
        assertThat(applied(PROJECTION)).contains(before).doesNotContain(refused, after);
        assertThat(livePosition()).isLessThan(held.get("globalIndex").asLong());

        Refusing.refused = null;

        awaitProcessing().until(() -> applied(PROJECTION).contains(after));
        List<UUID> applied = applied(PROJECTION);
        assertThat(applied.indexOf(refused)).as("applied, in order").isPositive()
                .isGreaterThan(applied.indexOf(before)).isLessThan(applied.indexOf(after));
        awaitProcessing().until(() -> anonymous.get("/actuator/health/readiness").status() == 200);
    }

    @Test
    void aRebuildHeldAtAnEventSaysSoInItsStatusAndHealthAndCompletesOnceItApplies() {
        ApiClient operator = as(Role.OPERATOR, POLICE);
        UUID first = openCase();
        UUID refused = openCase();
        UUID last = openCase();
        awaitProcessing().until(() -> applied(PROJECTION).contains(last));
        int version = projection(operator).get("currentVersion").asInt();
        Refusing.refusedByRebuild = refused;

        assertThat(operator.post("/api/admin/projections/" + PROJECTION + "/rebuild", Map.of()).status())
                .isEqualTo(202);

        JsonNode status = awaitRebuild(operator).until(() -> projection(operator),
                projection -> projection.get("state").asString().equals("HELD"));
        JsonNode held = status.at("/heldAt/0");
        assertThat(held.get("processor").asString()).isEqualTo(PROJECTION + "-rebuild-v" + (version + 1));
        assertThat(held.get("event").asString()).isEqualTo("CaseOpened");
        assertThat(held.get("aggregate").asString()).endsWith(refused.toString());
        assertThat(held.get("error").asString()).contains("test projection refuses case " + refused);
        JsonNode health = anonymous.get("/actuator/health").body();
        assertThat(health.at("/components/projectionRebuilds/status").asString()).isEqualTo("DOWN");
        assertThat(health.at("/components/projectionRebuilds/details/" + PROJECTION + "/heldAt/0/aggregate")
                .asString()).endsWith(refused.toString());
        assertThat(anonymous.get("/actuator/health/readiness").status())
                .as("the current version still answers every read").isEqualTo(200);
        awaitRetries(1);
        assertThat(projection(operator).get("currentVersion").asInt()).as("never switched while held")
                .isEqualTo(version);
        String rebuilt = PROJECTION + "_v" + (version + 1);
        assertThat(applied(rebuilt)).contains(first).doesNotContain(refused, last);

        Refusing.refusedByRebuild = null;

        JsonNode done = awaitRebuild(operator).until(() -> projection(operator),
                projection -> projection.get("currentVersion").asInt() == version + 1
                        && projection.get("state").asString().equals("LIVE"));
        assertThat(done.get("heldAt")).isEmpty();
        assertThat(applied(rebuilt)).containsSubsequence(first, refused, last);
        assertThat(anonymous.get("/actuator/health").body().at("/components/projectionRebuilds/status").asString())
                .isEqualTo("UP");
    }

    /** Every processor of case-service follows the platform's policy (the rebuilds': the tests above). */
    @Test
    void everyProcessorFollowsThePlatformsErrorPolicy() {
        EveryProcessor.followsThePolicy(processing, policy);
    }

    private UUID openCase() {
        return openCase(UUID.randomUUID());
    }

    private UUID openCase(UUID caseId) {
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        return caseId;
    }

    private static List<UUID> applied(String collection) {
        return List.copyOf(Refusing.applied.getOrDefault(collection, List.of()));
    }

    private long livePosition() {
        return processing.eventProcessor(PROJECTION, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().values().stream().mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElseThrow();
    }

    /** Waits for the held processor to retry {@code times} more times (Axon's back-off: 1 s, 2 s, 4 s...). */
    private void awaitRetries(int times) {
        double before = failures();
        awaitProcessing().until(() -> failures() >= before + times);
    }

    private double failures() {
        return meters.find("nrm.event.handler.failures").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Waits while the rebuild moves or retries. */
    private ConditionFactory awaitRebuild(ApiClient operator) {
        return Progress.awaitWhileMoving("the rebuild", () -> List.of(projection(operator).at("/rebuild/processed")
                .asLong(-1), failures()));
    }

    private JsonNode projection(ApiClient operator) {
        Answer list = operator.get("/api/admin/projections");
        assertThat(list.status()).isEqualTo(200);
        return list.body().valueStream().filter(p -> p.get("name").asString().equals(PROJECTION)).findFirst()
                .orElseThrow();
    }
}
