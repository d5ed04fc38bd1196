package org.nrmplatform.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.VerificationReport;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * A case's events as installations stored them before {@code contracts.cases.Events} became {@code CaseEvents}
 * are read as {@code CaseEvents}' records, by the aggregate's stream and by the processors' stream alike.
 *
 * <p>The fixture {@code stored-events/case-events-before-holder-rename.json} was made at commit c923b0b (before
 * the rename): one event of each of the ten case event types, appended as the case aggregate's stream through
 * {@link EventStoreConfiguration}'s engine and serializer (hash chain on) on the embedded server, and the
 * {@code events} collection then written out as MongoDB extended JSON, unchanged. Sealed values carry a
 * made-up ciphertext: nothing here opens them.
 */
@ExtendWith(TestStore.EmbeddedServer.class)
class RenamedHoldersTest {

    private static final String CASE = "3f1c2a7e-5b8d-4c61-9a0e-7d2b4e6f8a10";

    private MongoClient client;
    private final EventStoreConfiguration configuration = new EventStoreConfiguration();
    private final Serializer serializer = EventStoreConfiguration.jsonSerializer();
    private StoreProperties properties;
    private SimpleMongoClientDatabaseFactory factory;
    private StoreCapabilities capabilities;

    @BeforeEach
    void storedBeforeTheRename(TestStore.Connection connection) throws IOException {
        client = connection.client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        properties = new StoreProperties("events_" + suffix, "service_" + suffix,
                StoreProperties.TransactionMode.AUTO, 1000, Duration.ofSeconds(60), 10_000);
        factory = new SimpleMongoClientDatabaseFactory(client, properties.serviceDatabase());
        capabilities = configuration.storeCapabilities(client, properties);
        List<Document> stored = fixture();
        assertThat(stored).hasSize(10).allSatisfy(event -> assertThat(event.getString(EventDocuments.PAYLOAD_TYPE))
                .startsWith("org.nrmplatform.contracts.cases.Events$"));
        client.getDatabase(properties.eventDatabase()).getCollection(EventDocuments.EVENTS).insertMany(stored);
    }

    @Test
    void theAggregateStreamReadsTheFormerNamesAsCaseEvents() {
        List<Object> payloads = engine().readEvents(CASE, 0).asStream().<Object>map(EventMessage::getPayload).toList();

        assertThat(payloads).extracting(Object::getClass).containsExactly(CaseOpened.class,
                IndicatorAssessmentRecorded.class, PresumedVictimFlagged.class, GuardianAppointed.class,
                ConsentGiven.class, ReflectionPeriodStarted.class, ConsentWithdrawn.class, IdentificationDecided.class,
                CaseClosed.class, SubjectErased.class);
        CaseOpened opened = (CaseOpened) payloads.get(0);
        assertThat(opened.caseId()).isEqualTo(UUID.fromString(CASE));
        assertThat(opened.dataSubject().citizenship()).containsExactly("UA");
        assertThat(((CaseClosed) payloads.get(8)).finalStage()).isEqualTo(CaseStage.IDENTIFIED_VICTIM);
        assertThat(((SubjectErased) payloads.get(9)).legalBasis())
                .isEqualTo(new LegalBasis("GDPR Art. 17", "dpo@example.org"));
    }

    @Test
    void processorsReadTheFormerNamesAsCaseEvents() {
        List<? extends EventMessage<?>> tracked = engine().readEvents(null, false).limit(10).toList();

        assertThat(tracked).hasSize(10).allSatisfy(event -> assertThat(event.getPayloadType().getEnclosingClass())
                .isEqualTo(org.nrmplatform.contracts.cases.CaseEvents.class));
        assertThat(tracked.get(0).getMetaData()).containsEntry("userId", "fixture-user");
    }

    @Test
    void theStoredEventsAreLeftAsTheyWereAndTheirChainIsIntact() {
        engine().readEvents(CASE, 0).asStream().forEach(EventMessage::getPayload);

        EventEvidence evidence = new EventEvidence(EventStoreConfiguration.eventDatabase(client, factory,
                capabilities, properties.eventDatabase()), 1000, null);
        assertThat(ChainVerification.verify(List.of(evidence.stream("Case", CASE, null)), null, null).status())
                .isEqualTo(VerificationReport.Status.INTACT);
        assertThat(client.getDatabase(properties.eventDatabase()).getCollection(EventDocuments.EVENTS).find()
                .map(event -> event.getString(EventDocuments.PAYLOAD_TYPE)))
                .allSatisfy(type -> assertThat(type).startsWith("org.nrmplatform.contracts.cases.Events$"));
    }

    /** The engine as the services have it: every upcaster bean of the configuration in its chain. */
    private EventStorageEngine engine() {
        return configuration.eventStorageEngine(client, factory, capabilities, properties,
                EvidenceStoreTest.evidence(null), serializer, serializer,
                List.of(configuration.renamedHolders(), new FirstRevision()));
    }

    private static List<Document> fixture() throws IOException {
        try (InputStream in = RenamedHoldersTest.class
                .getResourceAsStream("/stored-events/case-events-before-holder-rename.json")) {
            String array = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Document.parse("{\"events\": " + array + "}").getList("events", Document.class);
        }
    }
}
