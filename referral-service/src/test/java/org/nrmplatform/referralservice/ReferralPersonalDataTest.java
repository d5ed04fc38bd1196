package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.privacy.CasesRead;
import org.nrmplatform.shared.privacy.PrivacyProperties;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.testing.ClearTextScan;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Referral free texts are stored only sealed with the case's key, opened for the referral's two sides, logged
 * in the case's read log when read, and erased with the case's key.
 */
class ReferralPersonalDataTest extends ApiTest {

    private static final String NOTE = "Needs a safe place tonight; speaks Albanian";
    private static final String ACCEPTANCE = "acceptancemarker room 4 on the second floor";
    private static final String DELIVERED_BY = "Deliveredmarker Milica";
    private static final String STEP_OUTCOME = "stepmarker admitted, safety plan made";
    private static final String COMPLETION = "completionmarker moved to her sister in Kragujevac";
    private static final String WITHDRAWAL = "withdrawalmarker she left for Germany";

    @Autowired
    MongoClient client;
    @Autowired
    StoreProperties store;
    @Autowired
    PrivacyProperties privacy;
    @Autowired
    SubjectKeys keys;
    @Autowired
    EventStorageEngine events;

    @Test
    void referralTextsAreStoredOnlySealedAndErasedWithTheCasesKey() {
        UUID caseId = referableCase();
        UUID completed = requestedReferral(caseId, Instant.now().plus(Duration.ofDays(1)));
        String path = "/api/referrals/" + completed;
        assertThat(shelter.post(path + "/acceptance", Map.of("note", ACCEPTANCE)).status()).isEqualTo(200);
        assertThat(shelter.post(path + "/assistance-steps", Map.of("serviceType", "SAFE_ACCOMMODATION",
                "deliveredAt", Instant.now().minusSeconds(60).toString(), "deliveredBy", DELIVERED_BY,
                "outcome", STEP_OUTCOME)).status()).isEqualTo(201);
        assertThat(shelter.post(path + "/completion", Map.of("outcome", COMPLETION)).status()).isEqualTo(200);
        UUID withdrawn = requestedReferral(caseId, Instant.now().plus(Duration.ofDays(1)));
        assertThat(caseManager.post("/api/referrals/" + withdrawn + "/withdrawal", Map.of("reason", WITHDRAWAL))
                .status()).isEqualTo(200);
        eventually(() -> "COMPLETED".equals(caseManager.get(path).body().get("status").asString())
                && "WITHDRAWN".equals(caseManager.get("/api/referrals/" + withdrawn).body().get("status").asString()));

        JsonNode view = caseManager.get(path).body();
        assertThat(view.get("note").asString()).isEqualTo(NOTE);
        assertThat(view.at("/steps/0/deliveredBy").asString()).isEqualTo(DELIVERED_BY);
        assertThat(view.at("/steps/0/outcome").asString()).isEqualTo(STEP_OUTCOME);
        assertThat(view.get("ended").asString()).isEqualTo(COMPLETION);
        assertThat(caseManager.get("/api/referrals/" + withdrawn).body().get("ended").asString()).isEqualTo(WITHDRAWAL);
        assertThat(shelter.get(path).body().get("note").asString()).isEqualTo(NOTE);
        assertThat(shelter.get("/api/referrals").status()).isEqualTo(200);

        List<String> databases = List.of(store.eventDatabase(), store.serviceDatabase(), privacy.keyDatabase());
        assertThat(ClearTextScan.documents(client, databases)).isGreaterThan(10);
        assertThat(ClearTextScan.find(client, databases,
                List.of(NOTE, ACCEPTANCE, DELIVERED_BY, STEP_OUTCOME, COMPLETION, WITHDRAWAL, "Petrovi"))).isEmpty();

        assertThat(readsOf(caseId)).extracting(CasesRead::view).contains("referral", "referral-list")
                .allSatisfy(read -> assertThat(read).isNotBlank());
        assertThat(readsOf(caseId)).anySatisfy(read -> assertThat(read.organisationId()).isEqualTo(SHELTER));

        keys.destroy(caseId.toString());
        JsonNode erased = caseManager.get(path).body();
        assertThat(erased.get("erased").asBoolean()).isTrue();
        assertThat(erased.get("note").isNull()).isTrue();
        assertThat(erased.at("/steps/0/deliveredBy").isNull()).isTrue();
        assertThat(erased.at("/steps/0/outcome").isNull()).isTrue();
        assertThat(erased.get("ended").isNull()).isTrue();
        assertThat(erased.get("serviceType").asString()).as("not personal").isEqualTo("SAFE_ACCOMMODATION");
        assertThat(shelter.get(path).body().get("erased").asBoolean()).isTrue();
        assertThat(requestReferral(caseManager, caseId, SHELTER, "SAFE_ACCOMMODATION",
                Instant.now().plus(Duration.ofDays(1))).status()).as("no new note for an erased subject")
                .isEqualTo(409);
    }

    /** The recorded reads that showed the case, as stored (case-service indexes them by case). */
    private List<CasesRead> readsOf(UUID caseId) {
        try (Stream<? extends TrackedEventMessage<?>> stored = events.readEvents(null, false)) {
            return stored.map(TrackedEventMessage::getPayload).filter(CasesRead.class::isInstance)
                    .map(CasesRead.class::cast).filter(read -> read.caseIds().contains(caseId)).toList();
        }
    }
}
