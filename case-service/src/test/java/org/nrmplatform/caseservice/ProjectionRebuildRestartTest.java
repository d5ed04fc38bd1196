package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.projections.ProjectionRebuilds;
import org.nrmplatform.caseservice.projections.ProjectionStatus;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.Progress;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A rebuild outlives the instance that started it: case-service is stopped while a rebuild runs and
 * started again on the same store; the new instance resumes the same rebuild from its stored token and
 * switches over to a version equal to the incrementally built one.
 */
class ProjectionRebuildRestartTest {

    private static final String PROJECTION = "identification-cases";

    @Test
    void aRebuildInterruptedByARestartResumesAndSwitchesOver() {
        Map<String, Object> properties = new HashMap<>();
        EmbeddedStore.register((name, value) -> properties.put(name, value.get()));
        TestTokens.register((name, value) -> properties.put(name, value.get()));
        properties.put("server.port", "0");

        String incremental;
        ProjectionStatus.RebuildProgress interrupted;
        try (ConfigurableApplicationContext first = start(properties)) {
            SeededCases.append(first.getBean(EventStorageEngine.class), first.getBean(TransactionManager.class),
                    first.getBean(PersonalData.class), 20_000);
            ProjectionRebuilds rebuilds = first.getBean(ProjectionRebuilds.class);
            awaitWhileMoving(rebuilds).pollInterval(Duration.ofMillis(200))
                    .until(() -> Long.valueOf(0).equals(status(rebuilds).lag()));
            incremental = SeededCases.digest(first.getBean(MongoTemplate.class), status(rebuilds).collection());
            rebuilds.rebuild(PROJECTION);
            interrupted = awaitWhileMoving(rebuilds).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(rebuilds).rebuild(), progress -> progress != null && progress.processed() > 0);
        }
        assertThat(interrupted.processed()).as("stopped part-way").isLessThan(interrupted.total());
        String rebuildProcessor = PROJECTION + "-rebuild-v" + interrupted.version();
        try (MongoClient client = MongoClients.create(EmbeddedStore.uri())) {
            Document token = client.getDatabase(properties.get("nrm.store.service-database").toString())
                    .getCollection("trackingtokens").find(new Document("processorName", rebuildProcessor)).first();
            assertThat(token).as("the rebuild's position survives the stop").isNotNull();
            assertThat(token.get("token")).isNotNull();
        }

        Instant restarted = Instant.now();
        try (ConfigurableApplicationContext second = start(properties)) {
            ProjectionRebuilds rebuilds = second.getBean(ProjectionRebuilds.class);
            ProjectionStatus.CompletedRebuild done = awaitWhileMoving(rebuilds)
                    .pollInterval(Duration.ofMillis(100)).until(() -> status(rebuilds).lastRebuild(),
                            completed -> completed != null && completed.version() == interrupted.version());
            // as stored: MongoDB keeps milliseconds
            assertThat(done.startedAt()).as("the same rebuild, resumed")
                    .isEqualTo(interrupted.startedAt().truncatedTo(ChronoUnit.MILLIS));
            assertThat(done.startedAt()).isBefore(restarted);
            ProjectionStatus status = status(rebuilds);
            assertThat(status.currentVersion()).isEqualTo(interrupted.version());
            assertThat(SeededCases.digest(second.getBean(MongoTemplate.class), status.collection()))
                    .as("the resumed rebuild equals the incremental build").isEqualTo(incremental);
            System.out.printf("rebuild of %s stopped at %,d of %,d events, resumed after the restart, switched "
                    + "over after %,d events%n", PROJECTION, interrupted.processed(), interrupted.total(), done.events());
        }
    }

    private static ProjectionStatus status(ProjectionRebuilds rebuilds) {
        return rebuilds.statuses().stream().filter(status -> status.name().equals(PROJECTION)).findFirst()
                .orElseThrow();
    }

    /** Waits while the projection's live processor or its rebuild keeps moving. */
    private static ConditionFactory awaitWhileMoving(ProjectionRebuilds rebuilds) {
        return Progress.awaitWhileMoving(PROJECTION + " and its rebuild", () -> {
            ProjectionStatus status = status(rebuilds);
            return status.position() + "/" + (status.rebuild() == null ? -1 : status.rebuild().processed());
        });
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(CaseServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }
}
