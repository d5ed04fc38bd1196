package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.Progress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Rebuilding projections while they serve: the same content as the incrementally built version (digests),
 * reads answered throughout, writes continuing; and bad requests refused with problems.
 */
class ProjectionRebuildTest extends ApiTest {

    @Autowired
    PersonalData personalData;

    private static final String LIST = "/api/admin/projections";
    /** A shelter of its own: other test classes of this context list their shelters' cases. */
    private static final String SHELTER = "0f6a3c1e-8888-4a2b-9c3d-000000000008";

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

        awaitProcessing().until(() -> caseViews(operator).get("lag").asLong() == 0);
        int before = caseViews(operator).get("currentVersion").asInt();
        String incremental = SeededCases.digest(mongo, caseViews(operator).get("collection").asString());

        Answer started = operator.post(LIST + "/managed-cases/rebuild", Map.of());
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("state").asString()).isEqualTo("REBUILDING");
        assertThat(started.body().at("/rebuild/version").asInt()).isEqualTo(before + 1);
        Answer again = operator.post(LIST + "/managed-cases/rebuild", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        int readsWhileRebuilding = 0;
        JsonNode status = caseViews(operator);
        Progress.Watch rebuild = Progress.watch("the rebuild of managed-cases", () -> rebuildsProgress(operator));
        while (status.get("state").asString().equals("REBUILDING")) {
            rebuild.assertMoving();
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

        assertThat(status.get("collection").asString())
                .isEqualTo(ProjectionVersions.collection("managed_cases", before + 1));
        String rebuilt = SeededCases.digest(mongo, status.get("collection").asString());
        assertThat(rebuilt).isEqualTo(incremental);
        assertThat(mongo.collectionExists(ProjectionVersions.collection("managed_cases", before)))
                .as("the old version is dropped").isFalse();

        // the live processor carries on in the new version
        UUID later = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(later)).status()).isEqualTo(201);
        awaitProcessing().until(() -> firstLine.get("/api/cases/" + later).status() == 200);
        assertThat(caseManager.get("/api/cases/" + closed).body().get("closed").asBoolean()).isTrue();
    }

    /**
     * Every projection of case-service rebuilt at once, each into a new version equal to the one built
     * incrementally, from cases with every kind of event, referral events included.
     */
    @Test
    void everyProjectionRebuildsToTheSameContentAsItsIncrementalBuild() {
        ApiClient operator = as(Role.OPERATOR, POLICE);
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openChild(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment());
        firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim());
        caseManager.post(path + "/guardian", Map.of("guardianName", "Jelena Jovanović", "appointedOn", "2026-01-05"));
        UUID consentId = UUID.randomUUID();
        caseManager.post(path + "/consents", CaseRequests.consent(consentId));
        UUID accepted = UUID.randomUUID();
        referral(accepted, 0, new ReferralRequested(accepted, caseId, SOCIAL_WELFARE, SHELTER, "SAFE_ACCOMMODATION",
                Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)),
                personalData.seal(caseId, PersonalField.REFERRAL_NOTE, "Arrives at night"), consentId,
                AgeCategory.CHILD));
        referral(accepted, 1, new ReferralAccepted(accepted, caseId, SHELTER,
                personalData.seal(caseId, PersonalField.ACCEPTANCE_NOTE, "A room is ready")));
        UUID declined = UUID.randomUUID();
        referral(declined, 0, new ReferralRequested(declined, caseId, SOCIAL_WELFARE, SHELTER, "MEDICAL_CARE",
                Urgency.ROUTINE, Instant.now().plus(Duration.ofDays(5)), null, consentId, AgeCategory.CHILD));
        referral(declined, 1, new ReferralDeclined(declined, caseId, SHELTER, "NO_CAPACITY",
                personalData.seal(caseId, PersonalField.DECLINE_NOTE, "No doctor")));
        caseManager.post(path + "/reflection-period", CaseRequests.reflectionPeriod());
        authority.post(path + "/identification-decision", CaseRequests.identified());
        assertThat(caseManager.post(path + "/closure", CaseRequests.closure()).status()).isEqualTo(200);
        SeededCases.append(engine, transactions, personalData, 1_000);

        awaitProcessing().until(() -> operator.get(LIST).body().valueStream()
                .allMatch(projection -> projection.get("lag").asLong(-1) == 0));
        JsonNode before = operator.get(LIST).body();
        Map<String, String> incremental = new TreeMap<>();
        Map<String, Integer> versions = new TreeMap<>();
        before.valueStream().forEach(projection -> {
            assertThat(projection.get("rebuildable").asBoolean()).as(projection.toString()).isTrue();
            String name = projection.get("name").asString();
            incremental.put(name, SeededCases.digest(mongo, projection.get("collection").asString()));
            versions.put(name, projection.get("currentVersion").asInt());
        });
        assertThat(incremental.keySet()).containsExactlyInAnyOrder("first-line-cases", "identification-cases",
                "managed-cases", "referred-cases", "case-statistics", "case-indicators",
                "case-referral-index", "case-read-log", "action-plans", "case-approvals", "case-conferences",
                "assistance-plans", "person-index", "emergency-situations", "emergency-cases",
                "case-feedback");
        for (String name : incremental.keySet()) {
            assertThat(operator.post(LIST + "/" + name + "/rebuild", Map.of()).status()).as(name).isEqualTo(202);
        }

        awaitRebuilds(operator).until(() -> operator.get(LIST).body().valueStream()
                .allMatch(projection -> projection.get("currentVersion").asInt()
                        == versions.get(projection.get("name").asString()) + 1
                        && projection.get("state").asString().equals("LIVE")));
        operator.get(LIST).body().valueStream().forEach(projection -> {
            String name = projection.get("name").asString();
            assertThat(SeededCases.digest(mongo, projection.get("collection").asString()))
                    .as("%s rebuilt equals %s built incrementally", name, name).isEqualTo(incremental.get(name));
            for (String gauge : List.of("nrm.projection.lag.events", "nrm.projection.rebuild.processed",
                    "nrm.projection.rebuild.total")) {
                assertThat(meters.find(gauge).tag("projection", name).gauge()).as(gauge + " " + name).isNotNull();
            }
        });
    }

    private void referral(UUID referralId, long sequence, Object event) {
        engine.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), sequence, event));
    }

    @Test
    void anUnknownProjectionIsNotFoundAndTheRetiredCaseViewsNamesItsSuccessors() {
        ApiClient operator = as(Role.OPERATOR, POLICE);
        Answer unknown = operator.post(LIST + "/no-such-view/rebuild", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Answer retired = operator.post(LIST + "/case-views/rebuild", Map.of());
        assertThat(retired.status()).isEqualTo(404);
        assertThat(retired.contentType()).startsWith("application/problem+json");
        assertThat(retired.body().get("detail").asString())
                .contains("first-line-cases", "identification-cases", "managed-cases");

        JsonNode list = operator.get(LIST).body();
        assertThat(list.valueStream().map(p -> p.get("name").asString())).containsExactlyInAnyOrder(
                "first-line-cases", "identification-cases", "managed-cases", "referred-cases",
                "case-statistics", "case-indicators", "case-referral-index",
                "case-read-log", "action-plans", "case-approvals", "case-conferences",
                "assistance-plans", "person-index", "emergency-situations", "emergency-cases",
                "case-feedback");
        assertThat(list.valueStream()).allSatisfy(p -> {
            assertThat(p.get("rebuildable").asBoolean()).isTrue();
            assertThat(p.get("state").asString()).isIn("LIVE", "REBUILDING");
            assertThat(p.get("collection").asString()).isNotBlank();
        });
    }

    /** Waits while the rebuilds or the live processors keep moving. */
    private ConditionFactory awaitRebuilds(ApiClient operator) {
        return Progress.awaitWhileMoving("the rebuilds", () -> rebuildsProgress(operator));
    }

    /** Each projection's rebuild position (-1: none running) and the live processors' positions. */
    private List<Object> rebuildsProgress(ApiClient operator) {
        return List.of(operator.get(LIST).body().valueStream().map(p -> p.at("/rebuild/processed").asLong(-1))
                .toList(), Progress.processors(processing).get());
    }

    private static JsonNode caseViews(ApiClient operator) {
        Answer list = operator.get(LIST);
        assertThat(list.status()).isEqualTo(200);
        return list.body().valueStream().filter(p -> p.get("name").asString().equals("managed-cases"))
                .findFirst().orElseThrow();
    }
}
