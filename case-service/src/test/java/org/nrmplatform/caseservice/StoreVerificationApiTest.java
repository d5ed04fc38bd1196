package org.nrmplatform.caseservice;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.store.CheckpointWriter;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The verification of the whole store over real HTTP: every stream, also one no case names (a referral whose case
 * is not in this store), against its chain and the latest checkpoint; a stream removed whole and an edited event
 * are found; only an operator may run it. A store of its own (the second property makes the context, and so the
 * databases, this class's alone): other tests tamper with theirs.
 */
@TestPropertySource(properties = {"nrm.evidence.checkpoints.settle=0s",
        "spring.application.name=case-service-store-verification"})
class StoreVerificationApiTest extends ApiTest {

    @Autowired
    PersonalData personalData;
    @Autowired
    EventStorageEngine events;
    @Autowired
    CheckpointWriter checkpoints;
    @Autowired
    MongoClient mongo;
    @Value("${nrm.store.event-database}")
    String eventDatabase;

    private ApiClient operator() {
        return as(Role.OPERATOR, OTHER_POLICE);
    }

    private MongoCollection<Document> storedEvents() {
        return mongo.getDatabase(eventDatabase).getCollection("events");
    }

    private JsonNode verifyTheStore() {
        Answer started = operator().post("/api/audit/store-verifications", "");
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).isEqualTo("/api/audit/store-verifications/" + started.body().get("id").asString());
        awaitProcessing().until(() -> !"RUNNING".equals(operator().get(location).body().get("state").asString()));
        JsonNode done = operator().get(location).body();
        assertThat(done.get("state").asString()).isEqualTo("DONE");
        assertThat(done.get("streamsChecked").asInt()).isEqualTo(done.get("streamsTotal").asInt());
        return done;
    }

    @Test
    void everyStreamIsCheckedAndAStreamRemovedWholeOrAnEditedEventIsFound() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        UUID referralId = UUID.randomUUID();
        UUID caseElsewhere = UUID.randomUUID();
        events.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), 0,
                new ReferralRequested(referralId, caseElsewhere, SOCIAL_WELFARE, REGISTERED_SHELTER,
                        "SAFE_ACCOMMODATION", Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)),
                        personalData.seal(caseElsewhere, PersonalField.REFERRAL_NOTE, "Arrives tonight"),
                        UUID.randomUUID(), AgeCategory.ADULT)));
        awaitProcessing().until(() -> checkpoints.write().isPresent());

        JsonNode intact = verifyTheStore();
        assertThat(intact.at("/report/status").asString()).isEqualTo("INTACT");
        long stored = storedEvents().countDocuments();
        assertThat(intact.at("/report/events").asLong()).as("every stored event").isEqualTo(stored);
        assertThat(intact.at("/report/summary").asString()).contains("intact", "checkpoint");

        storedEvents().deleteMany(eq("aggregateIdentifier", referralId.toString()));
        String edited = caseId + "#0";
        storedEvents().updateOne(eq("aggregateKey", edited), Updates.set("serializedPayload",
                storedEvents().find(eq("aggregateKey", edited)).first().getString("serializedPayload")
                .replaceFirst("\\{", "{\"edited\":true,")));

        JsonNode tampered = verifyTheStore();
        assertThat(tampered.at("/report/status").asString()).isEqualTo("TAMPERED");
        assertThat(tampered.at("/report/findings").valueStream()
                .map(finding -> finding.get("problem").asString() + " " + finding.get("aggregateIdentifier")
                        .asString()).toList())
                .contains("ALTERED " + caseId, "REMOVED " + referralId);
        assertThat(tampered.at("/report/streams").asInt()).as("the removed stream is still counted, from the "
                + "checkpoint").isEqualTo(intact.at("/report/streams").asInt());
    }

    @Test
    void onlyAnOperatorMayVerifyTheWholeStore() {
        assertThat(anonymous.post("/api/audit/store-verifications", "").status()).isEqualTo(401);
        for (Role role : Role.values()) {
            if (role == Role.OPERATOR) {
                continue;
            }
            ApiClient other = as(role, SOCIAL_WELFARE);
            assertThat(other.post("/api/audit/store-verifications", "").status()).as(role.name()).isEqualTo(403);
            assertThat(other.get("/api/audit/store-verifications/" + UUID.randomUUID()).status()).as(role.name())
                    .isEqualTo(403);
        }
        Answer unknown = operator().get("/api/audit/store-verifications/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("detail").asString()).contains("start another");
        Answer malformed = operator().get("/api/audit/store-verifications/not-an-id");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }
}
