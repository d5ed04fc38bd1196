package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

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
            "reflectionPeriod", "activeReferrals", "erased", "flags");

    // every view says whether the data subject was erased (its personal fields then null)

    /**
     * first-line: the case it screened and handed over (screening, person, its assessments and grounds,
     * stage, whom it went to) and the consents it records and refers under; not the decision's reasons and
     * findings, the guardian, the reflection period, the closure or the referrals.
     */
    static final Set<String> FIRST_LINE_FIELDS = Set.of("_id", "version", "openingOrganisationId",
            "responsibleOrganisationId", "detectingSector", "screenedAt", "location", "dataSubject", "stage",
            "closed", "assessments", "presumedVictimGrounds", "consents", "openedAt", "lastChangedAt", "erased",
            "flags");

    /**
     * identification authority: what it decides on (screening, person, assessments, grounds, a child's
     * guardian) and its decision; not the consents, the reflection period, the closure or the referrals.
     */
    static final Set<String> IDENTIFICATION_FIELDS = Set.of("_id", "version", "openingOrganisationId",
            "responsibleOrganisationId", "detectingSector", "screenedAt", "location", "dataSubject", "stage",
            "closed", "assessments", "presumedVictimGrounds", "identification", "guardian", "openedAt",
            "lastChangedAt", "erased", "flags");

    /** case manager: the whole case, which it runs after the hand-over. */
    static final Set<String> CASE_MANAGER_FIELDS = Set.of("_id", "version", "openingOrganisationId",
            "responsibleOrganisationId", "activeReferrals", "detectingSector", "screenedAt", "location",
            "dataSubject", "stage", "closed", "assessments", "presumedVictimGrounds", "identification", "guardian",
            "consents", "reflectionPeriod", "closure", "openedAt", "lastChangedAt", "erased", "flags");

    /** monitor: anonymised facts under a hashed key; no names, dates of birth, organisations or case id. */
    static final Set<String> MONITOR_FIELDS = Set.of("_id", "stage", "closed", "sex", "ageBand", "citizenship",
            "country", "detectingSector", "year", "screenedAt", "typesOfExploitation", "methodsOfControl",
            "identificationDecidedAt", "referrals");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    ProjectionVersions versions;
    @Autowired
    EventStorageEngine events;

    @Test
    void eachActorsViewHoldsOnlyTheFieldsTheMatrixAllowsIt() throws Exception {
        UUID caseId = caseWithEveryKindOfEvent();
        String id = caseId.toString();

        Document referred = awaitProcessing().until(
                () -> raw("referred-cases", "referred_cases", id),
                doc -> doc != null && Boolean.TRUE.equals(doc.get("closed")) && doc.containsKey("reflectionPeriod")
                        && ((List<?>) doc.get("activeReferrals")).size() == 1);
        assertThat(referred.keySet()).containsExactlyInAnyOrderElementsOf(PROVIDER_FIELDS);
        assertThat(referred.getList("activeReferrals", Document.class)).singleElement()
                .satisfies(referral -> assertThat(referral.keySet())
                        .containsExactlyInAnyOrder("referralId", "providerOrganisationId"))
                .satisfies(referral -> assertThat(referral.get("providerOrganisationId")).isEqualTo(SHELTER));
        assertThat(referred.getString("stage")).isEqualTo("IDENTIFIED_VICTIM");

        // the professionals who handle the case: each its own view with its own field set
        Document managed = awaitProcessing().until(
                () -> raw("managed-cases", "managed_cases", id), doc -> doc != null && doc.containsKey("closure")
                        && ((List<?>) doc.get("activeReferrals")).size() == 1);
        assertThat(managed.keySet()).containsExactlyInAnyOrderElementsOf(CASE_MANAGER_FIELDS);
        Document firstLineView = awaitProcessing().until(
                () -> raw("first-line-cases", "first_line_cases", id),
                doc -> doc != null && Boolean.TRUE.equals(doc.get("closed")));
        assertThat(firstLineView.keySet()).containsExactlyInAnyOrderElementsOf(FIRST_LINE_FIELDS);
        assertThat(firstLineView.toJson()).as("not the decision's reasons, the guardian, the closure note")
                .doesNotContain(CaseRequests.identified().get("reasons").toString())
                .doesNotContain("Jelena Jovanović").doesNotContain(CaseRequests.closure().get("note").toString());
        Document identificationView = awaitProcessing().until(
                () -> raw("identification-cases", "identification_cases", id),
                doc -> doc != null && Boolean.TRUE.equals(doc.get("closed")));
        assertThat(identificationView.keySet()).containsExactlyInAnyOrderElementsOf(IDENTIFICATION_FIELDS);
        assertThat(identificationView.toJson()).as("no consents, reflection period or referrals")
                .doesNotContain("REFERRAL").doesNotContain(CaseRequests.reflectionPeriod().get("legalBasis")
                        .toString()).doesNotContain(SHELTER);
        for (Document view : List.of(managed, firstLineView, identificationView)) {
            assertThat(view.get("version")).as("every view carries the case's version").isEqualTo(8L);
        }

        // the monitor: anonymised facts, keyed by a hash of the case id
        String hashed = sha256(id);
        Document facts = awaitProcessing().until(
                () -> raw("case-statistics", "case_statistics", hashed), doc -> doc != null
                        && doc.containsKey("methodsOfControl") && ((Document) doc.get("referrals")).size() == 2);
        assertThat(MONITOR_FIELDS).containsAll(facts.keySet());
        assertThat(facts.toJson()).doesNotContain(id).doesNotContain("Ana").doesNotContain(SOCIAL_WELFARE)
                .doesNotContain(POLICE).doesNotContain(SHELTER);

        // and the API answers each caller from its own view, with exactly its fields
        assertThat(firstLine.get("/api/cases/" + caseId).body().propertyNames())
                .containsExactlyInAnyOrderElementsOf(api(FIRST_LINE_FIELDS));
        assertThat(authority.get("/api/cases/" + caseId).body().propertyNames())
                .containsExactlyInAnyOrderElementsOf(api(IDENTIFICATION_FIELDS));
        assertThat(caseManager.get("/api/cases/" + caseId).body().propertyNames())
                .containsExactlyInAnyOrderElementsOf(api(CASE_MANAGER_FIELDS));
        assertThat(itemOf(firstLine, id).propertyNames()).containsExactlyInAnyOrderElementsOf(api(FIRST_LINE_FIELDS));
        assertThat(itemOf(authority, id).propertyNames())
                .containsExactlyInAnyOrderElementsOf(api(IDENTIFICATION_FIELDS));
        assertThat(as(Role.SERVICE_PROVIDER, SHELTER)
                .get("/api/cases/" + caseId).body().propertyNames())
                .containsExactlyInAnyOrder("id", "stage", "closed", "dataSubject", "guardian", "reflectionPeriod",
                        "erased", "flags");
        assertThat(as(Role.SERVICE_PROVIDER, OTHER_SHELTER)
                .get("/api/cases/" + caseId).status()).as("its referral was declined").isEqualTo(404);
        // the past too: a first-line caller sees of the case as it stood only its own fields
        assertThat(firstLine.get("/api/cases/" + caseId + "/as-of?at=" + Instant.now()).body().propertyNames())
                .containsExactlyInAnyOrderElementsOf(api(FIRST_LINE_FIELDS));
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An actor with several roles is answered, case by case, from the widest view one of its roles gives it:
     * case manager, then identification authority, then first-line (docs/need-to-know.md).
     */
    @Test
    void anActorWithSeveralRolesIsAnsweredFromTheWidestViewItIsEntitledTo() {
        UUID flagged = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(flagged)).status()).isEqualTo(201);
        assertThat(firstLine.post("/api/cases/" + flagged + "/indicator-assessments", CaseRequests.labourAssessment())
                .status()).isEqualTo(201);
        assertThat(firstLine.post("/api/cases/" + flagged + "/presumed-victim", CaseRequests.presumedVictim())
                .status()).isEqualTo(200);
        UUID screened = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(screened)).status()).isEqualTo(201);

        ApiClient policeAuthority = withRoles(POLICE, Role.FIRST_LINE, Role.IDENTIFICATION_AUTHORITY);
        JsonNode decided = awaitProcessing().until(
                () -> policeAuthority.get("/api/cases/" + flagged).body(), body -> body.has("stage")
                        && body.get("stage").asString().equals("PRESUMED_VICTIM"));
        assertThat(decided.propertyNames()).as("a flagged case: the identification authority's view")
                .containsExactlyInAnyOrderElementsOf(api(IDENTIFICATION_FIELDS));
        assertThat(policeAuthority.get("/api/cases/" + screened).body().propertyNames())
                .as("a case only screened: only first-line gives it, so the first-line view")
                .containsExactlyInAnyOrderElementsOf(api(FIRST_LINE_FIELDS));
        assertThat(itemOf(policeAuthority, flagged.toString()).propertyNames())
                .containsExactlyInAnyOrderElementsOf(api(IDENTIFICATION_FIELDS));
        assertThat(itemOf(policeAuthority, screened.toString()).propertyNames())
                .containsExactlyInAnyOrderElementsOf(api(FIRST_LINE_FIELDS));

        ApiClient policeManager = withRoles(POLICE, Role.FIRST_LINE, Role.CASE_MANAGER);
        assertThat(policeManager.get("/api/cases/" + screened).body().propertyNames())
                .as("a case manager of the opening organisation: the whole case")
                .containsExactlyInAnyOrderElementsOf(api(CASE_MANAGER_FIELDS));
        JsonNode page = policeManager.get("/api/cases?size=200").body();
        assertThat(page.get("items").valueStream().map(item -> item.get("id").asString()).toList())
                .as("each case once").doesNotHaveDuplicates().contains(flagged.toString(), screened.toString());
    }

    private ApiClient withRoles(String organisation, Role... roles) {
        TestTokens tokens = TestTokens.get();
        return anonymous.as(tokens.sign(tokens.claims(organisation, List.of(roles)).build()));
    }

    /** A field set as the API names it. */
    private static Set<String> api(Set<String> stored) {
        return stored.stream().map(field -> field.equals("_id") ? "id" : field).collect(Collectors.toSet());
    }

    private static JsonNode itemOf(ApiClient client,
                                                          String id) {
        return client.get("/api/cases?size=200").body().get("items").valueStream()
                .filter(item -> item.get("id").asString().equals(id)).findFirst().orElseThrow();
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
                "serviceTypes", List.of("SAFE_ACCOMMODATION"),
                "recipientOrganisationId", REGISTERED_SHELTER)).status()).isEqualTo(201);
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
