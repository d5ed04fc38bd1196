package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.CancellationReason;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Referral events, recorded by referral-service in the shared stream, as case-service reads them: a
 * shelter sees the part of a case it needs while a referral to it is active, and the case's history
 * includes its referrals' events.
 */
class CaseReferralsTest extends ApiTest {

    @Autowired
    PersonalData personalData;

    static final String SHELTER = "0f6a3c1e-5555-4a2b-9c3d-000000000005";

    @Autowired
    EventStorageEngine events;

    @Test
    void aShelterSeesWhatItNeedsOfACaseOnlyWhileAReferralToItIsActive() {
        UUID caseId = flaggedCase();
        ApiClient shelter = as(Role.SERVICE_PROVIDER, SHELTER);
        assertThat(shelter.get("/api/cases/" + caseId).status()).isEqualTo(404);

        UUID referralId = UUID.randomUUID();
        record(referralId, 0, requested(referralId, caseId));
        awaitProcessing().until(() -> shelter.get("/api/cases/" + caseId).status() == 200);
        Answer referred = shelter.get("/api/cases/" + caseId);
        assertThat(referred.body().at("/dataSubject/givenName").asString()).isEqualTo("Ana");
        assertThat(referred.body().has("assessments")).as("no screening indicators").isFalse();
        assertThat(referred.body().has("identification")).isFalse();
        assertThat(referred.body().has("consents")).isFalse();
        assertThat(referred.body().has("presumedVictimGrounds")).isFalse();
        assertThat(shelter.get("/api/cases").body().get("items").valueStream()
                .map(item -> item.get("id").asString())).containsExactly(caseId.toString());
        assertThat(shelter.get("/api/cases/" + caseId + "/history").status())
                .as("a provider does not read the history").isEqualTo(403);

        record(referralId, 1, new ReferralCancelled(referralId, caseId, SHELTER,
                CancellationReason.CONSENT_WITHDRAWN, null));
        awaitProcessing().until(() -> shelter.get("/api/cases/" + caseId).status() == 404);
        assertThat(caseManager.get("/api/cases/" + caseId).body().has("assessments"))
                .as("the responsible case manager still sees the whole case").isTrue();
    }

    @Test
    void aCasesHistoryIncludesItsReferralsEventsInTimeOrder() {
        UUID caseId = flaggedCase();
        UUID referralId = UUID.randomUUID();
        record(referralId, 0, requested(referralId, caseId));
        firstLine.post("/api/cases/" + caseId + "/consents", CaseRequests.consent(UUID.randomUUID()));

        awaitProcessing().untilAsserted(() -> assertThat(
                caseManager.get("/api/cases/" + caseId + "/history").body().get("events").valueStream()
                        .map(event -> event.get("type").asString()).toList())
                .containsExactly("CaseOpened", "IndicatorAssessmentRecorded", "PresumedVictimFlagged",
                        "ReferralRequested", "ConsentGiven"));
        Answer history = caseManager.get("/api/cases/" + caseId + "/history");
        assertThat(history.body().at("/events/3/aggregateType").asString()).isEqualTo("Referral");
        assertThat(history.body().at("/events/3/aggregateId").asString()).isEqualTo(referralId.toString());
        assertThat(history.body().at("/events/4/aggregateType").asString()).isEqualTo("Case");
    }

    private UUID flaggedCase() {
        UUID caseId = UUID.randomUUID();
        firstLine.post("/api/cases", CaseRequests.openAdult(caseId));
        firstLine.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment());
        assertThat(firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim())
                .status()).isEqualTo(200);
        return caseId;
    }

    private ReferralRequested requested(UUID referralId, UUID caseId) {
        return new ReferralRequested(referralId, caseId, SOCIAL_WELFARE, SHELTER, "SAFE_ACCOMMODATION",
                Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)),
                personalData.seal(caseId, PersonalField.REFERRAL_NOTE, "Arrives with a social worker"),
                UUID.randomUUID(), AgeCategory.ADULT);
    }

    /** As referral-service records it: an event of a Referral aggregate in the shared event store. */
    private void record(UUID referralId, long sequence, Object event) {
        events.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), sequence, event));
    }
}
