package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.projections.ProjectionRebuilds;
import org.nrmplatform.caseservice.projections.ProjectionStatus;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.Progress;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How long a rebuild of the case manager's view (managed-cases) takes at 1k, 10k and 50k events (five per
 * case), on the embedded in-memory server in this JVM: it must grow linearly. Run from the root with
 * {@code mvn -B -o -pl case-service -am test -Pbenchmark -Dtest=ProjectionRebuildBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ProjectionRebuildBenchmark extends ApiTest {

    @Autowired
    PersonalData personalData;

    @Autowired
    EventStorageEngine engine;
    @Autowired
    TransactionManager transactions;
    @Autowired
    ProjectionRebuilds rebuilds;

    @Test
    void rebuildTimeGrowsLinearlyWithTheNumberOfEvents() {
        Map<Integer, Double> rates = new LinkedHashMap<>();
        int stored = 0;
        for (int events : new int[] {1_000, 10_000, 50_000}) {
            SeededCases.append(engine, transactions, personalData, events - stored);
            stored = events;
            // every live processor first catches up, so that none competes with the rebuild
            awaitRebuild().pollInterval(Duration.ofMillis(200))
                    .until(() -> rebuilds.statuses().stream().allMatch(status -> Long.valueOf(0).equals(status.lag())));
            int version = caseViews().currentVersion() + 1;
            rebuilds.rebuild("managed-cases");
            awaitRebuild().pollInterval(Duration.ofMillis(50)).until(() ->
                    caseViews().lastRebuild() != null && caseViews().lastRebuild().version() == version);
            ProjectionStatus.CompletedRebuild done = caseViews().lastRebuild();
            assertThat(done.events()).isGreaterThanOrEqualTo(events);
            double rate = done.events() * 1000.0 / done.millis();
            rates.put(events, rate);
            System.out.printf("managed-cases rebuild of %,d events: %.2f s, %,.0f events/s%n",
                    done.events(), done.millis() / 1000.0, rate);
        }
        System.out.printf("managed-cases rebuild rate 50k / 10k: %.2f (1.0 = linear)%n",
                rates.get(50_000) / rates.get(10_000));
    }

    private ProjectionStatus caseViews() {
        return rebuilds.statuses().stream().filter(status -> status.name().equals("managed-cases")).findFirst()
                .orElseThrow();
    }

    /** Waits while the live processors or the rebuild of managed-cases keep moving. */
    private ConditionFactory awaitRebuild() {
        return Progress.awaitWhileMoving("managed-cases and its rebuild", () -> {
            var rebuild = caseViews().rebuild(); // read once: a rebuild that finishes between two reads is null
            return List.of(Progress.processors(processing).get(), rebuild == null ? -1 : rebuild.processed());
        });
    }
}
