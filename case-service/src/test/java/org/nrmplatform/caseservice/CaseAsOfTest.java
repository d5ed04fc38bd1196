package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code GET /api/cases/{caseId}/as-of?at=}: a case as it stood at an instant, rebuilt from its events. */
class CaseAsOfTest extends ApiTest {

    static final String SHELTER = "0f6a3c1e-6666-4a2b-9c3d-000000000006";

    @Autowired
    EventStorageEngine events;

    @Test
    void betweenTwoEventsTheCaseIsShownAsItStoodAfterTheEarlierOne() {
        UUID caseId = flaggedCase();
        List<Instant> recorded = timestamps(caseId);
        assertThat(recorded.get(2)).isAfter(recorded.get(1));

        Answer assessed = firstLine.get(asOf(caseId, recorded.get(1)));
        assertThat(assessed.status()).isEqualTo(200);
        assertThat(assessed.body().get("stage").asString()).isEqualTo("POTENTIAL_VICTIM");
        assertThat(assessed.body().get("version").asLong()).isEqualTo(1);
        assertThat(assessed.body().get("assessments").size()).isEqualTo(1);
        assertThat(assessed.body().get("responsibleOrganisationId").isNull()).isTrue();

        Answer opened = firstLine.get(asOf(caseId, recorded.get(1).minusNanos(1)));
        assertThat(opened.body().get("version").asLong()).isZero();
        assertThat(opened.body().get("assessments").size()).isZero();

        Answer flagged = firstLine.get(asOf(caseId, recorded.get(2)));
        assertThat(flagged.body().get("stage").asString()).isEqualTo("PRESUMED_VICTIM");
        assertThat(flagged.body().get("responsibleOrganisationId").asString()).isEqualTo(SOCIAL_WELFARE);
    }

    /** Guards the replay against drifting from the case manager's view (managed-cases): both must fold events alike. */
    @Test
    void asOfNowEqualsTheCurrentViewOfACaseWithEveryKindOfEvent() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openChild(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        assertThat(caseManager.post(path + "/guardian", Map.of("guardianName", "Jelena Jovanović",
                "guardianOrganisation", "Centre for Social Work", "appointedOn", "2026-01-05")).status())
                .isEqualTo(200);
        UUID consentId = UUID.randomUUID();
        assertThat(caseManager.post(path + "/consents", Map.of("consentId", consentId.toString(),
                "decision", "GIVEN", "givenBy", "GUARDIAN", "purposes", List.of("REFERRAL"),
                "serviceTypes", List.of("SAFE_ACCOMMODATION"),
                "recipientOrganisationId", REGISTERED_SHELTER)).status()).isEqualTo(201);
        assertThat(caseManager.post(path + "/consents", Map.of("consentId", consentId.toString(),
                "decision", "WITHDRAWN", "note", "The guardian withdrew it")).status()).isEqualTo(201);
        assertThat(caseManager.post(path + "/reflection-period", CaseRequests.reflectionPeriod()).status())
                .isEqualTo(200);
        assertThat(authority.post(path + "/identification-decision", CaseRequests.identified()).status())
                .isEqualTo(200);
        assertThat(caseManager.post(path + "/closure", CaseRequests.closure()).status()).isEqualTo(200);
        awaitProcessing().until(() -> caseManager.get(path).body().get("version").asLong() == 8);

        JsonNode current = caseManager.get(path).body();
        Answer asOfNow = caseManager.get(asOf(caseId, Instant.now()));
        assertThat(asOfNow.status()).isEqualTo(200);
        assertThat(withoutReferrals(asOfNow.body())).isEqualTo(withoutReferrals(current));
        assertThat(asOfNow.body().get("activeReferrals").isNull()).as("referrals are not replayed").isTrue();
    }

    @Test
    void anInstantBeforeTheCaseExistedIsRefused() {
        UUID caseId = flaggedCase();
        Answer before = firstLine.get(asOf(caseId, timestamps(caseId).get(0).minusSeconds(1)));
        assertThat(before.status()).isEqualTo(422);
        assertThat(before.body().at("/errors/0/field").asString()).isEqualTo("at");
        assertThat(before.body().get("detail").asString()).contains("did not exist yet");
    }

    @Test
    void anInstantInTheFutureIsRefused() {
        UUID caseId = flaggedCase();
        Answer future = firstLine.get(asOf(caseId, Instant.now().plus(Duration.ofDays(1))));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body().at("/errors/0/field").asString()).isEqualTo("at");
    }

    @Test
    void aMissingOrMalformedInstantIsABadRequest() {
        UUID caseId = flaggedCase();
        Answer missing = firstLine.get("/api/cases/" + caseId + "/as-of");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().at("/errors/0/field").asString()).isEqualTo("at");
        Answer malformed = firstLine.get("/api/cases/" + caseId + "/as-of?at=yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().at("/errors/0/field").asString()).isEqualTo("at");
    }

    @Test
    void aCaseOutsideTheCallersScopeOrUnknownIsNotFound() {
        UUID caseId = flaggedCase();
        Instant now = Instant.now();
        assertThat(as(Role.FIRST_LINE, OTHER_POLICE).get(asOf(caseId, now)).status()).isEqualTo(404);
        assertThat(as(Role.SERVICE_PROVIDER, SHELTER).get(asOf(caseId, now)).status())
                .as("no referral to the shelter").isEqualTo(404);
        assertThat(firstLine.get(asOf(UUID.randomUUID(), now)).status()).isEqualTo(404);
    }

    @Test
    void aServiceProviderSeesOfThePastOnlyWhatItSeesOfThePresent() {
        UUID caseId = flaggedCase();
        Instant opened = timestamps(caseId).get(0);
        UUID referralId = UUID.randomUUID();
        events.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), 0,
                new ReferralRequested(referralId, caseId, SOCIAL_WELFARE, SHELTER, "SAFE_ACCOMMODATION",
                        Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)), null, UUID.randomUUID(),
                        AgeCategory.ADULT)));
        ApiClient shelter = as(Role.SERVICE_PROVIDER, SHELTER);
        awaitProcessing().until(() -> shelter.get("/api/cases/" + caseId).status() == 200);

        Answer then = shelter.get(asOf(caseId, opened));
        assertThat(then.status()).isEqualTo(200);
        assertThat(then.body().get("stage").asString()).isEqualTo("POTENTIAL_VICTIM");
        assertThat(then.body().at("/dataSubject/givenName").asString()).isEqualTo("Ana");
        assertThat(then.body().has("assessments")).as("no screening for a provider").isFalse();
        assertThat(then.body().has("presumedVictimGrounds")).isFalse();
        assertThat(then.body().has("consents")).isFalse();
        assertThat(firstLine.get(asOf(caseId, opened)).body().has("assessments"))
                .as("the opening organisation sees the whole case").isTrue();
    }

    private UUID flaggedCase() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        assertThat(firstLine.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment())
                .status()).isEqualTo(201);
        assertThat(firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim())
                .status()).isEqualTo(200);
        awaitProcessing().until(() -> firstLine.get("/api/cases/" + caseId).status() == 200);
        return caseId;
    }

    private List<Instant> timestamps(UUID caseId) {
        return caseManager.get("/api/cases/" + caseId + "/history").body().get("events").valueStream()
                .map(event -> Instant.parse(event.get("timestamp").asString())).toList();
    }

    private static String asOf(UUID caseId, Instant at) {
        return "/api/cases/" + caseId + "/as-of?at=" + at;
    }

    /**
     * The view without its referrals (not replayed), with instants to the millisecond: the projection
     * stores them as BSON dates, the event store keeps what the client sent.
     */
    private static JsonNode withoutReferrals(JsonNode view) {
        ObjectNode copy = (ObjectNode) view.deepCopy();
        copy.remove("activeReferrals");
        return toMillis(copy);
    }

    private static JsonNode toMillis(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.propertyNames().forEach(name -> object.set(name, toMillis(object.get(name))));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, toMillis(array.get(i)));
            }
        } else if (node.isString() && node.asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
            return StringNode.valueOf(Instant.parse(node.asString()).truncatedTo(ChronoUnit.MILLIS).toString());
        }
        return node;
    }
}
