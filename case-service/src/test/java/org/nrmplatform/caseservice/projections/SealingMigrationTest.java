package org.nrmplatform.caseservice.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.CaseServiceApplication;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.shared.store.EventEvidence;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.Progress;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An installation recorded before personal data was sealed is upgraded: its store is the fixture
 * {@code stored-events/before-sealing-d9ac263.json}, which {@code infra/stored-events/record.sh d9ac263} wrote
 * after the demo walkthrough of commit d9ac263 (the first parent of 67409f4, the merge that introduced sealing,
 * README "Upgrading"): one case with a referral, its names, grounds, reasons and notes in clear in the events and
 * in case-service's projections. case-service of this version starts on it, migrates by itself, and then no
 * projection holds any of those values in clear, every case reads with its personal data opened, an erasure
 * erases it from every view, and no stored event has changed: every stream's chain verifies.
 */
class SealingMigrationTest {

    private static final String CASE = "09a2a3de-4199-45fc-87c4-631d236d223a";
    private static final String SOCIAL_WELFARE = "41888e74-dc2c-3786-87ba-bfc29b5261aa"; // responsible for it
    /** The walkthrough's personal values, as its requests gave them. */
    private static final Set<String> CLEAR = Set.of("Ana", "Petrović", "Passport held by the employer; wages unpaid",
            "Forced labour established", "Arrives with a social worker", "Bed reserved");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void projectionsBuiltBeforeSealingAreSealedAndTheEventsStayAsTheyWere() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        EmbeddedStore.register((name, value) -> properties.put(name, value.get()));
        TestTokens.register((name, value) -> properties.put(name, value.get()));
        properties.put("server.port", "0");
        properties.put("nrm.approvals.required", "");
        String eventDatabase = properties.get("nrm.store.event-database").toString();
        String serviceDatabase = properties.get("nrm.store.service-database").toString();
        Document fixture = fixture();
        try (MongoClient client = MongoClients.create(EmbeddedStore.uri())) {
            restore(fixture.get("nrm_events", Document.class), client.getDatabase(eventDatabase));
            restore(fixture.get("nrm_case", Document.class), client.getDatabase(serviceDatabase));
            assertThat(clearValuesIn(client.getDatabase(serviceDatabase))).as("the fixture's projections")
                    .contains("Ana", "Petrović", "Passport held by the employer; wages unpaid",
                            "Forced labour established"); // the referral's notes are referral-service's

            try (ConfigurableApplicationContext service = start(properties)) {
                SealingMigration migration = service.getBean(SealingMigration.class);
                ProjectionRebuilds rebuilds = service.getBean(ProjectionRebuilds.class);
                Progress.awaitWhileMoving("the sealing migration's rebuilds", () -> rebuilds.statuses().stream()
                                .map(status -> status.rebuild() == null ? "-" : status.rebuild().processed() + "")
                                .toList())
                        .until(() -> rebuilds.statuses().stream().allMatch(status -> status.rebuild() == null)
                                && migration.plan().projections().isEmpty());

                SealingMigration.Plan after = migration.plan();
                assertThat(after.eventsInClear()).as("the events keep their clear text")
                        .containsKeys("CaseOpened", "PresumedVictimFlagged", "IdentificationDecided");
                assertThat(after.cases()).isEqualTo(1);
                assertThat(after.notRebuildable()).isEmpty();
                assertThat(clearValuesIn(client.getDatabase(serviceDatabase))).as("clear values in projections")
                        .isEmpty();

                String port = service.getEnvironment().getProperty("local.server.port");
                String caseManager = TestTokens.get().forRole(Role.CASE_MANAGER, SOCIAL_WELFARE);
                JsonNode view = get(port, "/api/cases/" + CASE, caseManager);
                assertThat(view.at("/dataSubject/givenName").asText()).isEqualTo("Ana");
                assertThat(view.at("/dataSubject/familyName").asText()).isEqualTo("Petrović");
                assertThat(view.at("/presumedVictimGrounds").asText())
                        .isEqualTo("Passport held by the employer; wages unpaid");
                assertThat(get(port, "/api/cases/" + CASE + "/history", caseManager).toString())
                        .contains("Forced labour established");

                // the aggregate reads its old events too; the erasure reaches every sealed copy
                assertThat(post(port, "/api/cases/" + CASE + "/subject-erasure", caseManager,
                        "{\"legalBasis\":{\"reference\":\"GDPR Art. 17\",\"requestedBy\":\"the data subject\"}}"))
                        .isEqualTo(200);
                JsonNode erased = Progress.awaitWhileMoving("the case views", () -> rebuilds.statuses().stream()
                                .map(ProjectionStatus::position).toList())
                        .until(() -> get(port, "/api/cases/" + CASE, caseManager),
                                found -> found.path("erased").asBoolean());
                assertThat(erased.at("/dataSubject/givenName").isNull()).isTrue();
                assertThat(get(port, "/api/cases/" + CASE + "/history", caseManager).toString())
                        .doesNotContain("Forced labour established", "Ana", "Petrović");

                List<Document> events = client.getDatabase(eventDatabase).getCollection("events").find()
                        .into(new ArrayList<>());
                List<Document> before = fixture.get("nrm_events", Document.class).getList("events", Document.class);
                assertThat(events.subList(0, before.size())).as("the events recorded before the upgrade")
                        .isEqualTo(before);
                EventEvidence evidence = service.getBean(EventEvidence.class);
                for (String stream : events.stream().map(event -> event.getString("type") + "/"
                        + event.getString("aggregateIdentifier")).distinct().toList()) {
                    String[] typeAndId = stream.split("/", 2);
                    assertThat(ChainVerification.verify(List.of(evidence.stream(typeAndId[0], typeAndId[1], null)),
                            null, null).status()).as(stream).isEqualTo(VerificationReport.Status.INTACT);
                }
            }
        }
    }

    /** The clear values found anywhere in the database's collections. */
    private static Set<String> clearValuesIn(MongoDatabase database) {
        Set<String> found = new TreeSet<>();
        for (String collection : database.listCollectionNames()) {
            database.getCollection(collection).find().forEach(document -> collect(document, found));
        }
        return found;
    }

    private static void collect(Object node, Set<String> found) {
        if (node instanceof String text && CLEAR.contains(text)) {
            found.add(text);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collect(value, found));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, found));
        }
    }

    private static void restore(Document dump, MongoDatabase into) {
        dump.forEach((collection, documents) -> {
            @SuppressWarnings("unchecked")
            List<Document> all = (List<Document>) documents;
            if (!all.isEmpty()) {
                into.getCollection(collection).insertMany(all);
            }
        });
    }

    private static Document fixture() throws IOException {
        try (InputStream in = SealingMigrationTest.class
                .getResourceAsStream("/stored-events/before-sealing-d9ac263.json")) {
            return Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static JsonNode get(String port, String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int post(String port, String path, String token, String body)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(CaseServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }
}
