package org.nrmplatform.caseservice;

import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** Rebuilding the case views while they serve: same content, reads answered throughout, writes continue. */
class ProjectionRebuildTest extends ApiTest {

    @Autowired
    PersonalData personalData;

    private static final String LIST = "/api/admin/projections";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    TransactionManager transactions;
    @Autowired
    MeterRegistry meters;

    @Test
    void aRebuiltCaseViewEqualsTheIncrementallyBuiltOneAndReadsKeepAnsweringMeanwhile() {
        ApiClient operator = as(Role.OPERATOR, POLICE);
        UUID closed = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(closed)).status()).isEqualTo(201);
        firstLine.post("/api/cases/" + closed + "/indicator-assessments", CaseRequests.labourAssessment());
        firstLine.post("/api/cases/" + closed + "/presumed-victim", CaseRequests.presumedVictim());
        caseManager.post("/api/cases/" + closed + "/reflection-period", CaseRequests.reflectionPeriod());
        authority.post("/api/cases/" + closed + "/identification-decision", CaseRequests.identified());
        caseManager.post("/api/cases/" + closed + "/consents", CaseRequests.consent(UUID.randomUUID()));
        caseManager.post("/api/cases/" + closed + "/guardian",
                Map.of("guardianName", "Jelena Jovanović", "appointedOn", "2026-01-05"));
        assertThat(caseManager.post("/api/cases/" + closed + "/closure", CaseRequests.closure()).status())
                .isEqualTo(200);
        UUID child = UUID.randomUUID();
        firstLine.post("/api/cases", CaseRequests.openChild(child));
        firstLine.post("/api/cases/" + child + "/indicator-assessments", CaseRequests.labourAssessment());
        // enough events that the rebuild takes a while, so that reads meet it running
        SeededCases.append(engine, transactions, personalData, 10_000);

        await().atMost(Duration.ofSeconds(60)).until(() -> caseViews(operator).get("lag").asLong() == 0);
        int before = caseViews(operator).get("currentVersion").asInt();
        String incremental = SeededCases.digest(mongo, ProjectionVersions.collection("case_views", before));

        Answer started = operator.post(LIST + "/case-views/rebuild", Map.of());
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("state").asString()).isEqualTo("REBUILDING");
        assertThat(started.body().at("/rebuild/version").asInt()).isEqualTo(before + 1);
        Answer again = operator.post(LIST + "/case-views/rebuild", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        int readsWhileRebuilding = 0;
        JsonNode status = caseViews(operator);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (status.get("state").asString().equals("REBUILDING") && System.nanoTime() < deadline) {
            assertThat(status.at("/rebuild/total").asLong()).isGreaterThanOrEqualTo(10_000);
            Answer read = caseManager.get("/api/cases/" + closed);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("closed").asBoolean()).isTrue();
            readsWhileRebuilding++;
            status = caseViews(operator);
        }
        assertThat(readsWhileRebuilding).as("reads answered while the rebuild ran").isPositive();
        assertThat(status.get("state").asString()).isEqualTo("LIVE");
        assertThat(status.get("currentVersion").asInt()).isEqualTo(before + 1);
        assertThat(status.at("/lastRebuild/events").asLong()).isGreaterThanOrEqualTo(10_000);

        String rebuilt = SeededCases.digest(mongo, ProjectionVersions.collection("case_views", before + 1));
        assertThat(rebuilt).isEqualTo(incremental);
        assertThat(mongo.collectionExists(ProjectionVersions.collection("case_views", before)))
                .as("the old version is dropped").isFalse();

        // the live processor carries on in the new version
        UUID later = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(later)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> firstLine.get("/api/cases/" + later).status() == 200);
        assertThat(caseManager.get("/api/cases/" + closed).body().get("closed").asBoolean()).isTrue();
        assertThat(meters.find("nrm.projection.lag.events").tag("projection", "case-views").gauge()).isNotNull();
        assertThat(meters.find("nrm.projection.rebuild.total").tag("projection", "case-views").gauge()).isNotNull();
    }

    @Test
    void anUnknownProjectionIsNotFoundAndOneThatCannotBeRebuiltIsAConflict() {
        ApiClient operator = as(Role.OPERATOR, POLICE);
        Answer unknown = operator.post(LIST + "/no-such-view/rebuild", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Answer statistics = operator.post(LIST + "/case-statistics/rebuild", Map.of());
        assertThat(statistics.status()).isEqualTo(409);
        assertThat(statistics.contentType()).startsWith("application/problem+json");

        JsonNode list = operator.get(LIST).body();
        assertThat(list.valueStream().map(p -> p.get("name").asString()))
                .contains("case-views", "case-statistics", "case-referral-index");
        assertThat(list.valueStream().filter(p -> p.get("name").asString().equals("case-statistics"))
                .findFirst().orElseThrow().get("rebuildable").asBoolean()).isFalse();
    }

    private static JsonNode caseViews(ApiClient operator) {
        Answer list = operator.get(LIST);
        assertThat(list.status()).isEqualTo(200);
        return list.body().valueStream().filter(p -> p.get("name").asString().equals("case-views"))
                .findFirst().orElseThrow();
    }
}
