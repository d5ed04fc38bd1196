package org.nrmplatform.caseservice;

import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.views.CaseView;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One view per actor type, each holding only the fields the need-to-know matrix (docs/need-to-know.md)
 * lets that actor see: read as raw documents after a case went through every kind of event, so a field
 * that is not allowed is not merely hidden by the API, it is not stored in the actor's view at all.
 */
class ActorViewsTest extends ApiTest {

    @Autowired
    PersonalData personalData;

    /** Not CaseReferralsTest's shelter: the referral to it stays active, and that test lists its cases. */
    static final String SHELTER = "0f6a3c1e-7777-4a2b-9c3d-000000000007";
    static final String OTHER_SHELTER = "0f6a3c1e-6666-4a2b-9c3d-000000000006";

    /** service-provider: stage, closed, data subject, guardian, reflection period; plus who may see it. */
    static final Set<String> PROVIDER_FIELDS = Set.of("_id", "stage", "closed", "dataSubject", "guardian",
            "reflectionPeriod", "activeReferrals");

    /** prosecutor: a summary without personal data (the history with a legal basis is issue 6). */
    static final Set<String> PROSECUTOR_FIELDS = Set.of("_id", "stage", "closed", "openedAt",
            "identificationOutcome", "typesOfExploitation", "methodsOfControl", "closureReason");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    ProjectionVersions versions;
    @Autowired
    EventStorageEngine events;

    @Test
    void eachActorsViewHoldsOnlyTheFieldsTheMatrixAllowsIt() {
        UUID caseId = caseWithEveryKindOfEvent();
        String id = caseId.toString();

        Document referred = await().atMost(Duration.ofSeconds(20)).until(
                () -> raw("referred-cases", "referred_cases", id),
                doc -> doc != null && Boolean.TRUE.equals(doc.get("closed")) && doc.containsKey("reflectionPeriod")
                        && ((List<?>) doc.get("activeReferrals")).size() == 1);
        assertThat(referred.keySet()).containsExactlyInAnyOrderElementsOf(PROVIDER_FIELDS);
        assertThat(referred.getList("activeReferrals", Document.class)).singleElement()
                .satisfies(referral -> assertThat(referral.keySet())
                        .containsExactlyInAnyOrder("referralId", "providerOrganisationId"))
                .satisfies(referral -> assertThat(referral.get("providerOrganisationId")).isEqualTo(SHELTER));
        assertThat(referred.getString("stage")).isEqualTo("IDENTIFIED_VICTIM");

        Document summary = await().atMost(Duration.ofSeconds(20)).until(
                () -> raw("prosecutor-case-summaries", "prosecutor_case_summaries", id),
                doc -> doc != null && doc.containsKey("closureReason"));
        assertThat(summary.keySet()).containsExactlyInAnyOrderElementsOf(PROSECUTOR_FIELDS);
        assertThat(summary.toJson()).as("no personal data of the data subject")
                .doesNotContain("Ana").doesNotContain("Petrović").doesNotContain("dataSubject")
                .doesNotContain("guardian").doesNotContain(SOCIAL_WELFARE).doesNotContain(POLICE);
        assertThat(summary.getString("identificationOutcome")).isEqualTo("IDENTIFIED");
        assertThat(summary.getList("methodsOfControl", String.class))
                .containsExactly("WithholdsDocuments", "TakesEarnings");

        // first-line, identification authority and case manager: the whole case view
        Document whole = await().atMost(Duration.ofSeconds(20)).until(
                () -> raw("case-views", "case_views", id), doc -> doc != null && doc.containsKey("closure"));
        Set<String> allFields = Arrays.stream(CaseView.class.getRecordComponents())
                .map(component -> component.getName().equals("id") ? "_id" : component.getName())
                .collect(Collectors.toSet());
        Set<String> stored = new HashSet<>(whole.keySet());
        stored.remove("_class");
        assertThat(stored).containsExactlyInAnyOrderElementsOf(allFields);

        // and the API answers the shelter from its own view
        assertThat(as(org.nrmplatform.contracts.identity.Role.SERVICE_PROVIDER, SHELTER)
                .get("/api/cases/" + caseId).body().propertyNames())
                .containsExactlyInAnyOrder("id", "stage", "closed", "dataSubject", "guardian", "reflectionPeriod",
                        "erased");
        assertThat(as(org.nrmplatform.contracts.identity.Role.SERVICE_PROVIDER, OTHER_SHELTER)
                .get("/api/cases/" + caseId).status()).as("its referral was declined").isEqualTo(404);
    }

    private Document raw(String projection, String baseCollection, String id) {
        return mongo.getCollection(versions.currentCollection(projection, baseCollection))
                .find(new Document("_id", id)).first();
    }

    private UUID caseWithEveryKindOfEvent() {
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
                "serviceTypes", List.of("SAFE_ACCOMMODATION"))).status()).isEqualTo(201);
        UUID kept = UUID.randomUUID();
        record(kept, 0, requested(kept, caseId, SHELTER));
        UUID declined = UUID.randomUUID();
        record(declined, 0, requested(declined, caseId, OTHER_SHELTER));
        record(declined, 1, new ReferralDeclined(declined, caseId, OTHER_SHELTER, "NO_CAPACITY",
                personalData.seal(caseId, PersonalField.DECLINE_NOTE, "No beds")));
        assertThat(caseManager.post(path + "/consents", Map.of("consentId", consentId.toString(),
                "decision", "WITHDRAWN", "note", "The guardian withdrew it")).status()).isEqualTo(201);
        assertThat(caseManager.post(path + "/reflection-period", CaseRequests.reflectionPeriod()).status())
                .isEqualTo(200);
        assertThat(authority.post(path + "/identification-decision", CaseRequests.identified()).status())
                .isEqualTo(200);
        assertThat(caseManager.post(path + "/closure", CaseRequests.closure()).status()).isEqualTo(200);
        return caseId;
    }

    private ReferralRequested requested(UUID referralId, UUID caseId, String provider) {
        return new ReferralRequested(referralId, caseId, SOCIAL_WELFARE, provider, "SAFE_ACCOMMODATION",
                Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)),
                personalData.seal(caseId, PersonalField.REFERRAL_NOTE, "Arrives with a social worker"),
                UUID.randomUUID(), AgeCategory.CHILD);
    }

    private void record(UUID referralId, long sequence, Object event) {
        events.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), sequence, event));
    }
}
