package org.nrmplatform.caseservice;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.store.CheckpointWriter;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import org.nrmplatform.verifier.ExportVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tamper-evidence of a case over real HTTP: verification from the store names an event edited directly in
 * MongoDB, one deleted from the middle of the case's stream and the last one of a referral's stream (seen
 * through the checkpoint); a prosecutor's court export needs a recorded legal basis, and the JSON export, its
 * PDF and the offline verifier's command line agree with each other, also on a tampered copy.
 */
@TestPropertySource(properties = "nrm.evidence.checkpoints.settle=0s")
class AuditApiTest extends ApiTest {

    static final String PROSECUTORS = "0f6a3c1e-6666-4a2b-9c3d-000000000006";
    static final String SHELTER = "0f6a3c1e-5555-4a2b-9c3d-000000000005";
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @TempDir
    Path files;

    private ApiClient prosecutor() {
        return as(Role.PROSECUTOR, PROSECUTORS);
    }

    private MongoCollection<Document> storedEvents() {
        return mongo.getDatabase(eventDatabase).getCollection("events");
    }

    /** A case with five events of its own and a referral with three, covered by a checkpoint. */
    private record Scenario(UUID caseId, UUID referralId) {
    }

    private Scenario caseWithReferral() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        firstLine.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment());
        firstLine.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim());
        firstLine.post("/api/cases/" + caseId + "/consents", CaseRequests.consent(UUID.randomUUID()));
        assertThat(caseManager.post("/api/cases/" + caseId + "/reflection-period", CaseRequests.reflectionPeriod())
                .status()).isEqualTo(200);
        UUID referralId = UUID.randomUUID();
        events.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), 0,
                new ReferralRequested(referralId, caseId, SOCIAL_WELFARE, SHELTER, "SAFE_ACCOMMODATION",
                        Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)),
                        personalData.seal(caseId, PersonalField.REFERRAL_NOTE, "Arrives with a social worker"),
                        UUID.randomUUID(), AgeCategory.ADULT)));
        events.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), 1,
                new ReferralAccepted(referralId, caseId, SHELTER,
                        personalData.seal(caseId, PersonalField.ACCEPTANCE_NOTE, "A bed is free"))));
        events.appendEvents(new GenericDomainEventMessage<>("Referral", referralId.toString(), 2,
                new ReferralAccepted(referralId, caseId, SHELTER,
                        personalData.seal(caseId, PersonalField.ACCEPTANCE_NOTE, "Confirmed again"))));
        // the referral index is a tracking projection: wait until the case's evidence includes the referral
        awaitProcessing().until(() ->
                verify(caseManager, caseId).body().at("/report/streams").asInt() == 2);
        assertThat(checkpoints.write()).isPresent();
        return new Scenario(caseId, referralId);
    }

    private Answer verify(ApiClient client, UUID caseId) {
        return client.post("/api/audit/verification", Map.of("caseId", caseId.toString()));
    }

    @Test
    void verificationNamesAnEditedEventAndEventsDeletedFromTheMiddleAndTheEndOfAStream() {
        Scenario scenario = caseWithReferral();
        Answer intact = verify(caseManager, scenario.caseId());
        assertThat(intact.status()).isEqualTo(200);
        assertThat(intact.body().at("/report/status").asString()).isEqualTo("INTACT");
        assertThat(intact.body().at("/report/events").asInt()).isEqualTo(8);

        String caseId = scenario.caseId().toString();
        storedEvents().updateOne(eq("aggregateKey", caseId + "#1"), Updates.set("serializedPayload",
                storedEvents().find(eq("aggregateKey", caseId + "#1")).first().getString("serializedPayload")
                        .replace("PRESENT", "ABSENT")));
        storedEvents().deleteOne(eq("aggregateKey", caseId + "#3"));
        storedEvents().deleteOne(eq("aggregateKey", scenario.referralId() + "#2"));

        for (ApiClient caller : List.of(caseManager, as(Role.OPERATOR, OTHER_POLICE))) {
            Answer tampered = verify(caller, scenario.caseId());
            assertThat(tampered.status()).isEqualTo(200);
            JsonNode report = tampered.body().get("report");
            assertThat(report.get("status").asString()).isEqualTo("TAMPERED");
            assertThat(report.at("/firstProblem/problem").asString()).isEqualTo("ALTERED");
            assertThat(report.at("/firstProblem/aggregateIdentifier").asString()).isEqualTo(caseId);
            assertThat(report.at("/firstProblem/sequenceNumber").asLong()).isEqualTo(1);
            assertThat(report.get("findings").valueStream()
                    .map(finding -> finding.get("problem").asString() + " " + finding.get("aggregateType").asString()
                            + " " + finding.get("sequenceNumber").asLong()).toList())
                    .containsExactly("ALTERED Case 1", "REMOVED Case 3", "REMOVED Referral 2");
            assertThat(report.get("findings").get(2).get("detail").asString()).contains("checkpoint");
        }
    }

    @Test
    void whoMayHaveACaseVerified() {
        Scenario scenario = caseWithReferral();
        assertThat(verify(as(Role.FIRST_LINE, OTHER_POLICE), scenario.caseId()).status())
                .as("a case out of scope").isEqualTo(404);
        assertThat(verify(prosecutor(), scenario.caseId()).status()).as("no legal basis yet").isEqualTo(404);
        assertThat(prosecutor().post("/api/cases/" + scenario.caseId() + "/legal-basis", CaseRequests.legalBasis())
                .status()).isEqualTo(201);
        assertThat(verify(prosecutor(), scenario.caseId()).status()).isEqualTo(200);
        assertThat(verify(as(Role.OPERATOR, OTHER_POLICE), UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void anExportNeedsARecordedLegalBasis() {
        Scenario scenario = caseWithReferral();
        Answer refused = prosecutor().get("/api/cases/" + scenario.caseId() + "/audit-export?format=json");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("title").asString()).isEqualTo("Legal basis required");
        assertThat(refused.body().get("detail").asString()).contains("POST /api/cases/" + scenario.caseId()
                + "/legal-basis");

        Answer blank = prosecutor().post("/api/cases/" + scenario.caseId() + "/legal-basis",
                Map.of("reference", " ", "requestedBy", "Higher Court"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().toString()).contains("reference");
        assertThat(prosecutor().post("/api/cases/" + UUID.randomUUID() + "/legal-basis", CaseRequests.legalBasis())
                .status()).isEqualTo(404);

        Answer recorded = prosecutor().post("/api/cases/" + scenario.caseId() + "/legal-basis",
                CaseRequests.legalBasis());
        assertThat(recorded.status()).isEqualTo(201);
        assertThat(as(Role.PROSECUTOR, OTHER_POLICE).get("/api/cases/" + scenario.caseId() + "/audit-export")
                .status()).as("another prosecutor's office").isEqualTo(403);
        assertThat(prosecutor().get("/api/cases/" + scenario.caseId() + "/audit-export?legalBasisId="
                + UUID.randomUUID()).status()).isEqualTo(403);
        assertThat(prosecutor().get("/api/cases/" + scenario.caseId() + "/audit-export?format=docx").status())
                .isEqualTo(400);
        Answer export = prosecutor().get("/api/cases/" + scenario.caseId() + "/audit-export?legalBasisId="
                + recorded.body().get("legalBasisId").asString());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().at("/legalBasis/reference").asString()).isEqualTo("K-123/2026, Higher Court in Novi Sad");
        assertThat(export.body().at("/legalBasis/recordedByOrganisationId").asString()).isEqualTo(PROSECUTORS);
        JsonNode reads = prosecutor().get("/api/cases/" + scenario.caseId() + "/read-log").body().get("reads");
        assertThat(reads.get(reads.size() - 1).get("view").asString()).as("the export is in the read log")
                .isEqualTo("audit-export-json");
        assertThat(reads.get(reads.size() - 1).get("organisationId").asString()).isEqualTo(PROSECUTORS);
    }

    @Test
    void theExportOpensPersonalDataForTheCourtUntilTheSubjectIsErasedAndStaysVerifiable() throws Exception {
        Scenario scenario = caseWithReferral();
        prosecutor().post("/api/cases/" + scenario.caseId() + "/legal-basis", CaseRequests.legalBasis());
        JsonNode before = JSON.readTree(download(scenario.caseId(), "json").body());
        JsonNode opened = before.get("events").get(0);
        assertThat(opened.at("/summary/what").asString()).isEqualTo("CaseOpened");
        assertThat(opened.at("/readable/dataSubject/familyName").asString()).isEqualTo("Petrović");
        assertThat(opened.get("payload").asString()).as("what is hashed stays sealed").doesNotContain("Petrovi");
        assertThat(opened.get("erased").asBoolean()).isFalse();
        assertThat(before.get("events").get(1).get("readable").isNull()).as("no personal field, nothing opened")
                .isTrue();

        assertThat(authority.post("/api/cases/" + scenario.caseId() + "/subject-erasure", Map.of("legalBasis",
                Map.of("reference", "GDPR Art. 17, request 25/114", "requestedBy", "the data subject")))
                .status()).isEqualTo(200);
        byte[] after = download(scenario.caseId(), "json").body();
        assertThat(new String(after, StandardCharsets.UTF_8)).doesNotContain("Petrovi", "Arrives with a social");
        JsonNode erased = JSON.readTree(after).get("events").get(0);
        assertThat(erased.get("erased").asBoolean()).isTrue();
        assertThat(erased.at("/readable/dataSubject/familyName").isNull()).isTrue();
        assertThat(erased.get("hash").asString()).as("erasure keeps the chain").isEqualTo(opened.get("hash").asString());
        assertThat(JSON.readTree(after).at("/verification/status").asString()).isEqualTo("INTACT");
        try (PDDocument document = Loader.loadPDF(download(scenario.caseId(), "pdf").body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Personal data: erased").doesNotContain("Petrovi");
        }
    }

    @Test
    void theExportItsPdfAndTheOfflineVerifierAgree() throws Exception {
        Scenario scenario = caseWithReferral();
        prosecutor().post("/api/cases/" + scenario.caseId() + "/legal-basis", CaseRequests.legalBasis());
        HttpResponse<byte[]> json = download(scenario.caseId(), "json");
        assertThat(json.statusCode()).isEqualTo(200);
        String digest = EventHash.sha256(json.body());
        assertThat(json.headers().firstValue("X-Export-SHA256")).contains(digest);

        JsonNode export = JSON.readTree(json.body());
        assertThat(export.get("format").asString()).isEqualTo("nrm-court-export/1");
        assertThat(export.at("/verification/status").asString()).isEqualTo("INTACT");
        assertThat(export.get("events").valueStream().map(event -> event.at("/summary/what").asString()).toList())
                .containsExactly("CaseOpened", "IndicatorAssessmentRecorded", "PresumedVictimFlagged", "ConsentGiven",
                        "ReflectionPeriodStarted", "ReferralRequested", "ReferralAccepted", "ReferralAccepted",
                        "LegalBasisRecorded");
        JsonNode opened = export.get("events").get(0);
        assertThat(opened.at("/summary/organisationId").asString()).isEqualTo(POLICE);
        assertThat(opened.at("/summary/roles/0").asString()).isEqualTo("first-line");
        assertThat(opened.get("hash").asString()).hasSize(64);
        assertThat(export.at("/checkpoint/signature").asString()).isNotBlank();
        assertThat(export.at("/publicKey/keyId").asString()).isEqualTo(export.at("/checkpoint/keyId").asString());
        assertThat(export.get("streams").valueStream().map(stream -> stream.get("aggregateType").asString()).toList())
                .containsExactly("Case", "Referral", "CaseLegalBases");

        Answer key = caseManager.get("/api/audit/public-key");
        assertThat(key.body().get("keyId").asString()).isEqualTo(export.at("/checkpoint/keyId").asString());
        Path keyFile = files.resolve("key.pem");
        Files.writeString(keyFile, key.body().get("publicKey").asString());
        Path exportFile = files.resolve("export.json");
        Files.write(exportFile, json.body());

        Verified offline = verifyOffline(exportFile, keyFile);
        assertThat(offline.exitCode()).as(offline.report()).isEqualTo(ExportVerifier.INTACT);
        assertThat(offline.report()).contains("Result:       INTACT");

        ObjectNode edited = (ObjectNode) export.get("events").get(2);
        edited.put("payload", edited.get("payload").asString().replace("grounds", "grounds_"));
        Path tampered = files.resolve("tampered.json");
        Files.writeString(tampered, JSON.writeValueAsString(export));
        Verified caught = verifyOffline(tampered, keyFile);
        assertThat(caught.exitCode()).isEqualTo(ExportVerifier.NOT_INTACT);
        assertThat(caught.report()).contains("ALTERED Case " + scenario.caseId() + " sequence 2");

        Answer uploaded = caseManager.post("/api/audit/verification", new String(json.body(), StandardCharsets.UTF_8));
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.body().get("verified").asString()).isEqualTo("export");
        assertThat(uploaded.body().at("/report/status").asString()).isEqualTo("INTACT");
        Answer uploadedTampered = caseManager.post("/api/audit/verification", Files.readString(tampered));
        assertThat(uploadedTampered.body().at("/report/firstProblem/sequenceNumber").asLong()).isEqualTo(2);

        HttpResponse<byte[]> pdf = download(scenario.caseId(), "pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            PDFTextStripper text = new PDFTextStripper();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                text.setStartPage(page);
                text.setEndPage(page);
                assertThat(text.getText(document)).as("page %d", page).contains("SHA-256 of the JSON export: ");
            }
            text.setStartPage(1);
            text.setEndPage(document.getNumberOfPages());
            String all = text.getText(document);
            assertThat(all).contains("Court export of case " + scenario.caseId(), "K-123/2026",
                    "Verification: INTACT", "PresumedVictimFlagged", "ReferralAccepted");
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            byte[] attached = names.getEmbeddedFiles().getNames().get("export.json").getEmbeddedFile().toByteArray();
            // the PDF's own export: the same case, with the digest printed on its pages
            assertThat(all).contains(EventHash.sha256(attached));
            assertThat(JSON.readTree(attached).get("events").size()).isEqualTo(export.get("events").size());
        }
    }

    @Test
    void malformedTruncatedOrEmptyUploadsAreRefusedWithAProblemThatSaysWhy() throws Exception {
        Scenario scenario = caseWithReferral();
        prosecutor().post("/api/cases/" + scenario.caseId() + "/legal-basis", CaseRequests.legalBasis());
        String export = new String(download(scenario.caseId(), "json").body(), StandardCharsets.UTF_8);
        Map<String, String> bad = Map.of(
                "truncated", export.substring(0, export.length() / 2),
                "not JSON", "this is not json",
                "neither case nor export", "{\"something\": 1}",
                "not a UUID", "{\"caseId\": \"case-1\"}",
                "another format", "{\"format\": \"other/1\", \"events\": [], \"streams\": []}",
                "no events", "{\"format\": \"nrm-court-export/1\", \"streams\": []}");
        bad.forEach((what, body) -> {
            Answer answer = caseManager.post("/api/audit/verification", body);
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            assertThat(answer.body().get("detail").asString()).as(what).isNotBlank();
        });
        assertThat(caseManager.post("/api/audit/verification", export.substring(0, export.length() / 2))
                .body().get("detail").asString()).contains("truncated");
    }

    @Test
    void thePublicKeyIsServedAsJsonAndAsPem() throws Exception {
        Answer json = as(Role.MONITOR, OTHER_POLICE).get("/api/audit/public-key");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body().get("algorithm").asString()).isEqualTo("Ed25519");
        HttpResponse<String> pem = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/audit/public-key?format=pem"))
                .header("Authorization", "Bearer " + TestTokens.get().forRole(Role.MONITOR, OTHER_POLICE))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(json.body().get("publicKey").asString());
        assertThat(as(Role.MONITOR, OTHER_POLICE).get("/api/audit/public-key?format=der").status()).isEqualTo(400);
    }

    private record Verified(int exitCode, String report) {
    }

    private static Verified verifyOffline(Path export, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ExportVerifier.run(new String[]{export.toString(), "--public-key", key.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verified(exit, out.toString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> download(UUID caseId, String format) throws IOException, InterruptedException {
        return download(caseId, format, "en");
    }

    private HttpResponse<byte[]> download(UUID caseId, String format, String acceptLanguage)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/cases/" + caseId + "/audit-export?format=" + format))
                .header("Authorization", "Bearer " + TestTokens.get().forRole(Role.PROSECUTOR, PROSECUTORS))
                .header("Accept-Language", acceptLanguage)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPdfInMacedonianOrSerbianCyrillicHasCyrillicHeadingsAndCarriesTheSameVerifiableEvents() throws Exception {
        Scenario scenario = caseWithReferral();
        prosecutor().post("/api/cases/" + scenario.caseId() + "/legal-basis", CaseRequests.legalBasis());
        Answer key = caseManager.get("/api/audit/public-key");
        Path keyFile = files.resolve("key.pem");
        Files.writeString(keyFile, key.body().get("publicKey").asString());
        JsonNode english = JSON.readTree(attached(download(scenario.caseId(), "pdf", "fr;q=0.9, *;q=0.1")));

        record Expected(String acceptLanguage, String contentLanguage, String title, String verification,
                        String footer) {
        }
        for (Expected expected : List.of(
                new Expected("mk-MK, en;q=0.5", "mk", "Извоз за суд на предметот ", "Верификација: INTACT",
                        "SHA-256 на JSON извозот: "),
                new Expected("sr-Cyrl", "sr-Cyrl", "Извоз за суд предмета ", "Провера: INTACT",
                        "SHA-256 JSON извоза: "))) {
            HttpResponse<byte[]> pdf = download(scenario.caseId(), "pdf", expected.acceptLanguage());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Language")).contains(expected.contentLanguage());
            assertThat(pdf.headers().firstValue("Vary").orElse("")).contains("Accept-Language");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                String text = new PDFTextStripper().getText(document);
                assertThat(text).contains(expected.title() + scenario.caseId(), expected.verification(),
                        expected.footer()).doesNotContain("Court export of case", "Who: organisation");
                byte[] json = attached(pdf);
                assertThat(text).contains(EventHash.sha256(json));
                // the evidence is the same whatever the language: the same events with the same hashes, intact
                JsonNode export = JSON.readTree(json);
                assertThat(export.get("events").valueStream().map(event -> event.get("hash").asString()).toList())
                        .isEqualTo(english.get("events").valueStream().map(event -> event.get("hash").asString())
                                .toList());
                Path exportFile = files.resolve(expected.contentLanguage() + ".json");
                Files.write(exportFile, json);
                assertThat(verifyOffline(exportFile, keyFile).exitCode()).isEqualTo(ExportVerifier.INTACT);
            }
        }
    }

    private static byte[] attached(HttpResponse<byte[]> pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("export.json")
                    .getEmbeddedFile().toByteArray();
        }
    }
}
