package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import com.mongodb.client.MongoClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.CasesRead;
import org.nrmplatform.contracts.privacy.PersonalDataRead;
import org.nrmplatform.shared.privacy.PrivacyProperties;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.ClearTextScan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * Personal data over the API: stored only sealed (a scan of every stored byte finds no clear text), opened for
 * the readers who may see it, recorded in the read log on every read, and after erasure shown as erased on
 * every read path, statistics included. Its context (with a spy on the storage engine) is closed after the
 * class, so that its processors do not compete with the shared context's.
 */
@DirtiesContext
class PersonalDataApiTest extends ApiTest {

    // ASCII markers that occur nowhere else, so that a hit can only be the personal data itself
    private static final String GIVEN_NAME = "Zoranamarker";
    private static final String FAMILY_NAME = "Kostadinovicmarker";
    private static final LocalDate DATE_OF_BIRTH = LocalDate.of(2011, 7, 14);
    private static final String GROUNDS = "groundsmarker: passport held by the farm owner";
    private static final String REASONS = "reasonsmarker: forced labour established";
    private static final String GUARDIAN = "Guardianmarker Jovanovic";
    private static final String CONSENT_NOTE = "consentmarker explained in Albanian";
    private static final String CLOSURE_NOTE = "closuremarker moved in with her aunt in Subotica";
    private static final List<String> CLEAR_TEXTS = List.of(GIVEN_NAME, FAMILY_NAME, DATE_OF_BIRTH.toString(),
            GROUNDS, REASONS, GUARDIAN, CONSENT_NOTE, CLOSURE_NOTE);

    @Autowired
    MongoClient client;
    @Autowired
    StoreProperties store;
    @Autowired
    PrivacyProperties privacy;
    @Autowired
    SubjectKeys keys;
    @Autowired
    MongoTemplate mongo;
    @MockitoSpyBean
    EventStorageEngine events;

    @Test
    void nothingStoredHoldsTheClearTextOfPersonalDataYetItsReadersSeeIt() {
        UUID caseId = childCaseThroughEveryStep();
        JsonNode view = awaitProcessing().until(
                () -> caseManager.get("/api/cases/" + caseId).body(), body -> body.at("/closure/note").isString());
        assertThat(view.at("/dataSubject/givenName").asString()).isEqualTo(GIVEN_NAME);
        assertThat(view.at("/dataSubject/familyName").asString()).isEqualTo(FAMILY_NAME);
        assertThat(view.at("/dataSubject/dateOfBirth").asString()).isEqualTo(DATE_OF_BIRTH.toString());
        assertThat(view.at("/presumedVictimGrounds").asString()).isEqualTo(GROUNDS);
        assertThat(view.at("/identification/reasons").asString()).isEqualTo(REASONS);
        assertThat(view.at("/guardian/name").asString()).isEqualTo(GUARDIAN);
        assertThat(view.at("/closure/note").asString()).isEqualTo(CLOSURE_NOTE);
        assertThat(view.get("erased").asBoolean()).isFalse();
        String history = caseManager.get("/api/cases/" + caseId + "/history").body().toString();
        assertThat(history).contains(GIVEN_NAME, GROUNDS, REASONS, GUARDIAN, CONSENT_NOTE, CLOSURE_NOTE);
        awaitProcessing().until(() -> "9--17".equals(ageBandOf(caseId)));

        List<String> databases = List.of(store.eventDatabase(), store.serviceDatabase(), privacy.keyDatabase());
        assertThat(ClearTextScan.documents(client, databases)).as("documents scanned").isGreaterThan(20);
        assertThat(ClearTextScan.find(client, databases, CLEAR_TEXTS)).isEmpty();
    }

    @Test
    void afterErasureEveryReadPathShowsThePersonalDataAsErased() {
        UUID caseId = childCaseThroughEveryStep();
        String path = "/api/cases/" + caseId;
        awaitProcessing().until(() -> caseManager.get(path).body().at("/closure/note").isString());
        Instant before = Instant.now();

        Answer erased = caseManager.post(path + "/subject-erasure", erasure());
        assertThat(erased.status()).isEqualTo(200);
        assertThat(keys.find(caseId.toString())).isInstanceOf(SubjectKeys.KeyLookup.Destroyed.class);

        JsonNode view = awaitProcessing().until(() -> caseManager.get(path).body(),
                body -> body.get("erased").asBoolean());
        assertErased(view);
        assertThat(view.at("/dataSubject/ageCategory").asString()).as("not personal: kept").isEqualTo("CHILD");
        assertThat(view.at("/identification/typesOfExploitation/0").asString()).isEqualTo("ForcedLabour");
        JsonNode listed = caseManager.get("/api/cases?size=200").body().get("items").valueStream()
                .filter(item -> item.get("id").asString().equals(caseId.toString())).findFirst().orElseThrow();
        assertErased(listed);
        assertErased(caseManager.get(path + "/as-of?at=" + before).body());

        JsonNode history = caseManager.get(path + "/history").body();
        assertThat(history.toString()).doesNotContain(GIVEN_NAME, GROUNDS, REASONS, GUARDIAN, CONSENT_NOTE,
                CLOSURE_NOTE);
        JsonNode opened = history.at("/events/0");
        assertThat(opened.get("type").asString()).isEqualTo("CaseOpened");
        assertThat(opened.get("erased").asBoolean()).isTrue();
        assertThat(opened.at("/payload/dataSubject/givenName").isNull()).isTrue();
        JsonNode erasure = history.at("/events/" + (history.get("events").size() - 1));
        assertThat(erasure.get("type").asString()).isEqualTo("SubjectErased");
        assertThat(erasure.at("/payload/legalBasis/reference").asString()).isEqualTo("GDPR Art. 17, request 25/114");
        assertThat(erasure.at("/metadata/organisationId").asString()).isEqualTo(SOCIAL_WELFARE);

        awaitProcessing().until(() -> "Erased".equals(ageBandOf(caseId)));
        assertThat(ageBands()).contains("Erased");

        assertThat(caseManager.post(path + "/subject-erasure", erasure()).status()).as("erased before")
                .isEqualTo(409);
        assertThat(caseManager.post(path + "/closure", CaseRequests.closure()).status()).isEqualTo(409);
    }

    @Test
    void anErasureNeedsALegalBasisAndACaseInScope() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        String erasure = "/api/cases/" + caseId + "/subject-erasure";
        Answer missing = authority.post(erasure, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().at("/errors/0/field").asString()).isEqualTo("legalBasis");
        assertThat(authority.post(erasure, Map.of("legalBasis", Map.of("reference", "GDPR Art. 17"))).status())
                .as("who asked for it").isEqualTo(400);
        assertThat(caseManager.post(erasure, erasure()).status()).as("a case manager not of the case")
                .isEqualTo(404);
        assertThat(authority.post(erasure, erasure()).status()).as("the identification authority, any case")
                .isEqualTo(200);
        assertThat(firstLine.get("/api/cases/" + caseId).body().get("erased").asBoolean()).isTrue();
    }

    @Test
    void everyReadOfPersonalDataIsInTheCasesReadLogForProsecutorsAndOperators() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        ApiClient prosecutor = as(Role.PROSECUTOR, "0f6a3c1e-5555-4a2b-9c3d-000000000005");
        assertThat(prosecutor.get(path + "/read-log").body().get("reads").size()).as("not read yet").isZero();

        awaitProcessing().until(() -> firstLine.get(path).status() == 200);
        firstLine.get("/api/cases?size=200");
        as(Role.CASE_MANAGER, POLICE).get(path + "/history");
        firstLine.get(path + "/as-of?at=" + Instant.now());

        JsonNode reads = as(Role.OPERATOR, "0f6a3c1e-6666-4a2b-9c3d-000000000006").get(path + "/read-log").body()
                .get("reads");
        List<String> views = reads.valueStream().map(read -> read.get("view").asString()).toList();
        assertThat(views).endsWith("case", "case-list", "history", "as-of");
        JsonNode last = reads.get(reads.size() - 1);
        assertThat(last.get("organisationId").asString()).isEqualTo(POLICE);
        assertThat(last.get("clientId").asString()).isEqualTo("test-client");
        assertThat(last.get("userId").asString()).isNotBlank();
        assertThat(last.get("roles").get(0).asString()).isEqualTo("first-line");
        assertThat(Instant.parse(last.get("readAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(prosecutor.get("/api/cases/" + UUID.randomUUID() + "/read-log").status()).isEqualTo(404);
        assertThat(firstLine.get(path + "/read-log").status()).isEqualTo(403);
    }

    @Test
    void readsRecordedInTheCasesOwnStreamBeforeStayInItsReadLogBeforeTheLaterOnes() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        Instant earlier = Instant.parse("2025-03-01T10:15:30Z");
        // as the read log was stored before CasesRead: one event per case read, in the case's own stream
        events.appendEvents(new GenericDomainEventMessage<>(PersonalDataRead.AGGREGATE_TYPE,
                PersonalDataRead.streamOf(caseId), 0, new PersonalDataRead(caseId, "case-list", "earlier-user",
                "earlier-client", SOCIAL_WELFARE, List.of("case-manager"), earlier)));
        awaitProcessing().until(() -> firstLine.get(path).status() == 200);

        JsonNode reads = as(Role.PROSECUTOR, "0f6a3c1e-5555-4a2b-9c3d-000000000005").get(path + "/read-log").body()
                .get("reads");
        assertThat(reads.valueStream().map(read -> read.get("view").asString()).toList())
                .containsExactly("case-list", "case");
        assertThat(reads.get(0).get("userId").asString()).isEqualTo("earlier-user");
        assertThat(reads.get(0).get("organisationId").asString()).isEqualTo(SOCIAL_WELFARE);
        assertThat(Instant.parse(reads.get(0).get("readAt").asString())).isEqualTo(earlier);
        assertThat(reads.get(1).get("organisationId").asString()).isEqualTo(POLICE);
    }

    @Test
    void aReadThatCannotBeLoggedFailsAndShowsNothing() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        String path = "/api/cases/" + caseId;
        awaitProcessing().until(() -> firstLine.get(path).status() == 200);
        doAnswer(call -> {
            List<? extends EventMessage<?>> appended = call.getArgument(0);
            if (appended.get(0).getPayload() instanceof CasesRead) {
                throw new IllegalStateException("the event store is unreachable");
            }
            return call.callRealMethod();
        }).when(events).appendEvents(anyList());
        try {
            ApiClient policeCaseManager = as(Role.CASE_MANAGER, POLICE);
            for (String read : List.of(path, path + "/history", "/api/cases", path + "/as-of?at=" + Instant.now())) {
                Answer answer = policeCaseManager.get(read);
                assertThat(answer.status()).as(read).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.raw().body()).doesNotContain("Petrovi");
            }
        } finally {
            reset(events);
        }
    }

    private static void assertErased(JsonNode view) {
        assertThat(view.get("erased").asBoolean()).as("erased in %s", view).isTrue();
        assertThat(view.at("/dataSubject/givenName").isNull()).isTrue();
        assertThat(view.at("/dataSubject/familyName").isNull()).isTrue();
        assertThat(view.at("/dataSubject/dateOfBirth").isNull()).isTrue();
        assertThat(view.at("/presumedVictimGrounds").isNull()).isTrue();
        assertThat(view.at("/identification/reasons").isNull()).isTrue();
        assertThat(view.at("/guardian/name").isNull()).isTrue();
        assertThat(view.at("/closure/note").isNull()).isTrue();
    }

    private static Map<String, Object> erasure() {
        return Map.of("legalBasis", Map.of("reference", "GDPR Art. 17, request 25/114",
                "requestedBy", "the data subject, through her lawyer"));
    }

    /** The age band the statistics keep for the case (keyed by the SHA-256 of its id). */
    private String ageBandOf(UUID caseId) throws Exception {
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(caseId.toString().getBytes(StandardCharsets.UTF_8)));
        Document facts = mongo.findById(key, Document.class, "case_statistics");
        return facts == null ? null : facts.getString("ageBand");
    }

    private List<String> ageBands() {
        return as(Role.MONITOR, "0f6a3c1e-7777-4a2b-9c3d-000000000007").get("/api/statistics?groupBy=ageBand")
                .body().get("cells").valueStream().map(cell -> cell.at("/values/ageBand").asString()).toList();
    }

    /** A child's case opened by the police and taken on by the social welfare centre, through closure. */
    private UUID childCaseThroughEveryStep() {
        UUID caseId = UUID.randomUUID();
        Map<String, Object> open = CaseRequests.open(caseId, "CHILD", DATE_OF_BIRTH);
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = new HashMap<>((Map<String, Object>) open.get("dataSubject"));
        subject.put("givenName", GIVEN_NAME);
        subject.put("familyName", FAMILY_NAME);
        open.put("dataSubject", subject);
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post("/api/cases", open).status()).isEqualTo(201);
        assertThat(firstLine.post(path + "/indicator-assessments", Map.of("indicatorSetId", "child-v1",
                "answers", Map.of("CHD-07", "PRESENT", "CHD-08", "PRESENT"),
                "assessedAt", Instant.now().minusSeconds(60).toString())).status()).isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", Map.of("grounds", GROUNDS,
                "responsibleOrganisationId", SOCIAL_WELFARE)).status()).isEqualTo(200);
        assertThat(caseManager.post(path + "/guardian", Map.of("guardianName", GUARDIAN,
                "appointedOn", LocalDate.now().toString())).status()).isEqualTo(200);
        assertThat(caseManager.post(path + "/consents", Map.of("decision", "GIVEN", "givenBy", "GUARDIAN",
                "purposes", List.of("REFERRAL"), "serviceTypes", List.of("SAFE_ACCOMMODATION"),
                "recipientOrganisationId", REGISTERED_SHELTER, "note", CONSENT_NOTE)).status()).isEqualTo(201);
        assertThat(authority.post(path + "/identification-decision", Map.of("outcome", "IDENTIFIED",
                "reasons", REASONS, "typesOfExploitation", List.of("ForcedLabour"))).status()).isEqualTo(200);
        assertThat(caseManager.post(path + "/closure", Map.of("reason", "REINTEGRATED", "note", CLOSURE_NOTE))
                .status()).isEqualTo(200);
        return caseId;
    }
}
