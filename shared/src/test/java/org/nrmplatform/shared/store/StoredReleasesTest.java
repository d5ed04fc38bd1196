package org.nrmplatform.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.shared.privacy.ClearPersonalFields;
import org.nrmplatform.shared.privacy.MasterKey;
import org.nrmplatform.shared.privacy.MongoSubjectKeys;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * Every event a released version stored is read by this version into its current type, with nothing lost, and
 * the stored events are left as they were. Each fixture {@code stored-events/release-<commit>.json} is what
 * {@code infra/stored-events/record.sh <commit>} wrote after that commit's demo walkthrough (README, "Upgrading"):
 * its event database and its services' databases, unchanged. A fixture is never replaced, only added to, so
 * that every release since revisions were introduced stays readable.
 */
@ExtendWith(TestStore.EmbeddedServer.class)
class StoredReleasesTest {

    private final EventStoreConfiguration configuration = new EventStoreConfiguration();
    private final Serializer serializer = EventStoreConfiguration.jsonSerializer();

    static Stream<String> releases() throws IOException, URISyntaxException {
        URL folder = StoredReleasesTest.class.getResource("/stored-events");
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("release-") && name.endsWith(".json")).sorted().toList();
            assertThat(names).as("fixtures of released versions").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void everyStoredEventIsReadIntoItsCurrentTypeWithNothingLost(String release, TestStore.Connection connection)
            throws IOException {
        Store store = store(connection, release);

        List<? extends EventMessage<?>> read = store.engine().readEvents(null, false)
                .limit(store.events().size() + 1).toList();

        assertThat(read).hasSameSizeAs(store.events());
        for (int i = 0; i < read.size(); i++) {
            Document stored = store.events().get(i);
            Object payload = read.get(i).getPayload();
            assertThat(payload.getClass().getName()).as("event %s", stored.get("_id"))
                    .startsWith("org.nrmplatform.contracts.");
            assertThat(payload.getClass().getSimpleName())
                    .isEqualTo(ClearPersonalFields.simpleName(stored.getString(EventDocuments.PAYLOAD_TYPE)));
            JsonNode before = EventJson.mapper().readTree(stored.getString(EventDocuments.PAYLOAD));
            JsonNode now = EventJson.mapper().valueToTree(payload);
            assertThat(lost(before, now, "")).as("fields of event %s (%s) read as something else or not at all",
                    stored.get("_id"), payload.getClass().getSimpleName()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void theStoredEventsStayAsTheyWereAndEveryStreamVerifies(String release, TestStore.Connection connection)
            throws IOException {
        Store store = store(connection, release);
        store.engine().readEvents(null, false).limit(store.events().size()).forEach(EventMessage::getPayload);

        List<Document> after = store.client().getDatabase(store.properties().eventDatabase())
                .getCollection(EventDocuments.EVENTS).find().into(new ArrayList<>());
        assertThat(after).isEqualTo(store.events());
        EventEvidence evidence = new EventEvidence(EventStoreConfiguration.eventDatabase(store.client(),
                store.factory(), configuration.storeCapabilities(store.client(), store.properties()),
                store.properties().eventDatabase()), 1000, null);
        List<Document> streams = store.events().stream()
                .filter(event -> event.getString(EventDocuments.TYPE) != null)
                .map(event -> new Document("type", event.getString(EventDocuments.TYPE))
                        .append("id", event.getString(EventDocuments.AGGREGATE_IDENTIFIER))).distinct().toList();
        assertThat(streams).hasSizeGreaterThan(5);
        for (Document stream : streams) {
            assertThat(ChainVerification.verify(List.of(evidence.stream(stream.getString("type"),
                    stream.getString("id"), null)), null, null).status()).as("stream %s", stream)
                    .isEqualTo(VerificationReport.Status.INTACT);
        }
    }

    /** The paths of {@code before} whose values {@code now} does not have (a field added since may be extra). */
    private static List<String> lost(JsonNode before, JsonNode now, String path) {
        List<String> lost = new ArrayList<>();
        if (before.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = before.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode current = now == null ? null : now.get(field.getKey());
                if (current == null && !field.getValue().isNull()) {
                    lost.add(path + field.getKey());
                } else if (current != null) {
                    lost.addAll(lost(field.getValue(), current, path + field.getKey() + "."));
                }
            }
        } else if (before.isArray()) {
            if (now == null || !now.isArray() || now.size() != before.size()) {
                lost.add(path);
            } else {
                for (int i = 0; i < before.size(); i++) {
                    lost.addAll(lost(before.get(i), now.get(i), path + i + "."));
                }
            }
        } else if (!sameValue(before, now)) {
            lost.add(path + "=" + before);
        }
        return lost;
    }

    /** Equal, or the same instant written with other precision (Jackson writes what it parsed its own way). */
    private static boolean sameValue(JsonNode before, JsonNode now) {
        if (before.equals(now)) {
            return true;
        }
        try {
            return Instant.parse(before.asText()).equals(Instant.parse(now.asText()));
        } catch (RuntimeException notAnInstant) {
            return before.isNumber() && now.isNumber() && before.decimalValue().compareTo(now.decimalValue()) == 0;
        }
    }

    private record Store(MongoClient client, SimpleMongoClientDatabaseFactory factory, StoreProperties properties,
                         EventStorageEngine engine, List<Document> events) {
    }

    /** The release's events in a fresh event database, and the engine as the services have it. */
    private Store store(TestStore.Connection connection, String release) throws IOException {
        MongoClient client = connection.client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        StoreProperties properties = new StoreProperties("events_" + suffix, "service_" + suffix,
                StoreProperties.TransactionMode.AUTO, 1000, Duration.ofSeconds(60), 10_000);
        SimpleMongoClientDatabaseFactory factory = new SimpleMongoClientDatabaseFactory(client,
                properties.serviceDatabase());
        List<Document> events = fixture(release).get("nrm_events", Document.class)
                .getList(EventDocuments.EVENTS, Document.class);
        client.getDatabase(properties.eventDatabase()).getCollection(EventDocuments.EVENTS).insertMany(events);
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        PersonalData personalData = new PersonalData(new MongoSubjectKeys(client, "keys_" + suffix,
                MasterKey.fromBase64(Base64.getEncoder().encodeToString(master))));
        EventStorageEngine engine = configuration.eventStorageEngine(client, factory,
                configuration.storeCapabilities(client, properties), properties, EvidenceStoreTest.evidence(null),
                // in no particular order: the chain orders them
                serializer, serializer, List.of(new FirstRevision(), new ClearPersonalFields(personalData),
                        configuration.renamedHolders()));
        return new Store(client, factory, properties, engine, events);
    }

    private static Document fixture(String release) throws IOException {
        try (InputStream in = StoredReleasesTest.class.getResourceAsStream("/stored-events/" + release)) {
            return Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
