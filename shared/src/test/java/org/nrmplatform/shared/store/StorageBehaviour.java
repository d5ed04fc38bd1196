package org.nrmplatform.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.store.TrackingProcessors.Recording;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * What the platform relies on from its MongoDB storage, run against each kind of server ({@link TestStore}):
 * the embedded wire-protocol server, a real replica set with transactions where Docker can provide one. The event
 * store part follows what Axon's own storage engine tests check, plus the global sequence: order, gaps,
 * held-back and lost commits.
 */
abstract class StorageBehaviour {

    record Noted(String text) {
    }

    record Remarked(String remark) {
    }

    /** A writer that dies between taking its global sequence number and inserting. */
    static final class WriterDied extends RuntimeException {
        WriterDied() {
            super("writer died before its insert");
        }
    }

    private final EventStoreConfiguration configuration = new EventStoreConfiguration();
    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();
    private final Serializer serializer = EventStoreConfiguration.jsonSerializer();
    private StoreProperties properties;
    private SimpleMongoClientDatabaseFactory factory;
    protected EventStorageEngine engine;
    protected TokenStore tokens;
    protected TransactionManager transactions;
    protected StoreCapabilities capabilities;

    private TestStore.Connection connection;

    protected MongoClient client() {
        return connection.client();
    }

    @BeforeEach
    void storage(TestStore.Connection connection) {
        this.connection = connection;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        properties = new StoreProperties("events_" + suffix, "service_" + suffix,
                StoreProperties.TransactionMode.AUTO, 1000, Duration.ofSeconds(60), 10_000);
        factory = new SimpleMongoClientDatabaseFactory(client(), properties.serviceDatabase());
        capabilities = configuration.storeCapabilities(client(), properties);
        transactions = configuration.axonTransactionManager(capabilities, factory);
        engine = configuration.eventStorageEngine(client(), factory, capabilities, properties,
                EvidenceStoreTest.evidence(null), serializer, serializer, List.of());
        tokens = configuration.tokenStore(client(), factory, capabilities, properties, serializer);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeAfterTest) {
            closeable.close();
        }
    }

    /** An engine on the same event database with settings of its own. */
    private SequencedMongoEventStorageEngine.Builder engineOnSameStore(MongoClient client) {
        return SequencedMongoEventStorageEngine.builder()
                .database(EventStoreConfiguration.eventDatabase(client, factory, capabilities,
                        properties.eventDatabase()))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
    }

    private SequencedMongoEventStorageEngine.Builder engineOnSameStore() {
        return engineOnSameStore(client());
    }

    private TrackingProcessors processors(EventStorageEngine over) {
        TrackingProcessors processors = new TrackingProcessors(over);
        closeAfterTest.add(processors);
        return processors;
    }

    static DomainEventMessage<Noted> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Note", aggregateId, sequence, new Noted("note " + sequence),
                MetaData.with("correlationId", "test-" + sequence));
    }

    static DomainEventMessage<Noted> eventAt(String aggregateId, long sequence, Instant timestamp) {
        return new GenericDomainEventMessage<>("Note", aggregateId, sequence,
                new GenericMessage<>(new Noted("note " + sequence)), timestamp);
    }

    private void append(EventStorageEngine to, EventMessage<?>... events) {
        transactions.executeInTransaction(() -> to.appendEvents(events));
    }

    private void append(EventMessage<?>... events) {
        append(engine, events);
    }

    private static List<TrackedEventMessage<?>> readAll(EventStorageEngine from, TrackingToken after) {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = from.readEvents(after, false)) {
            stream.forEach(read::add);
        }
        return read;
    }

    private static List<Object> payloads(List<? extends EventMessage<?>> events) {
        return events.stream().<Object>map(EventMessage::getPayload).toList();
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    private MongoCollection<Document> storedEvents() {
        return client().getDatabase(properties.eventDatabase()).getCollection(EventDocuments.EVENTS);
    }

    /** The identifiers of all stored events in global-index order: the order every processor must see. */
    private List<String> globalOrder() {
        List<String> identifiers = new ArrayList<>();
        storedEvents().find().sort(Sorts.ascending(EventDocuments.GLOBAL_INDEX))
                .forEach(document -> identifiers.add(document.getString(EventDocuments.EVENT_IDENTIFIER)));
        return identifiers;
    }

    // ---- reading an aggregate's stream

    @Test
    void aStreamIsReadBackInOrderWithPayloadAndMetadata() {
        String id = UUID.randomUUID().toString();
        append(event(id, 0), event(id, 1), event(id, 2));
        List<? extends DomainEventMessage<?>> read = engine.readEvents(id, 0).asStream().toList();
        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(read.get(2).getPayload()).isEqualTo(new Noted("note 2"));
        assertThat(read.get(2).getMetaData()).containsEntry("correlationId", "test-2");
        assertThat(engine.readEvents(id, 2).asStream().count()).isEqualTo(1);
        assertThat(engine.lastSequenceNumberFor(id)).contains(2L);
        assertThat(engine.lastSequenceNumberFor(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void aStreamLongerThanABatchIsReadWholeFromAnySequenceNumber() {
        EventStorageEngine smallBatches = engineOnSameStore().batchSize(3).build();
        String id = UUID.randomUUID().toString();
        append(smallBatches, IntStream.range(0, 10).mapToObj(sequence -> event(id, sequence))
                .toArray(EventMessage[]::new));
        assertThat(smallBatches.readEvents(id, 0).asStream()).hasSize(10);
        assertThat(smallBatches.readEvents(id, 4).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void theStoreRefusesToReadAnEventThatDoesNotExist() {
        String unknown = UUID.randomUUID().toString();
        assertThatThrownBy(() -> engine.readEvents(unknown, 0).asStream().findFirst().orElseThrow())
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void payloadAndMetadataAreStoredAsTheSerializedJsonText() {
        String id = UUID.randomUUID().toString();
        append(event(id, 0));
        Document stored = storedEvents().find(new Document(EventDocuments.AGGREGATE_IDENTIFIER, id)).first();
        assertThat(stored.get(EventDocuments.PAYLOAD)).isEqualTo("{\"text\":\"note 0\"}");
        assertThat(stored.getString(EventDocuments.META_DATA)).contains("\"correlationId\":\"test-0\"");
        assertThat(stored.getString(EventDocuments.PAYLOAD_TYPE)).isEqualTo(Noted.class.getName());
        assertThat(stored.getLong(EventDocuments.GLOBAL_INDEX)).isEqualTo(1L);
    }

    @Test
    void storedEventsAreUpcastWhenRead() {
        SingleEventUpcaster notedToRemarked = new SingleEventUpcaster() {
            @Override
            protected boolean canUpcast(IntermediateEventRepresentation representation) {
                return representation.getType().getName().equals(Noted.class.getName());
            }

            @Override
            protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
                return representation.upcastPayload(new SimpleSerializedType(Remarked.class.getName(), "2"),
                        JsonNode.class, payload -> ((ObjectNode) payload).set("remark", payload.get("text")));
            }
        };
        EventStorageEngine upcasting = engineOnSameStore().upcasterChain(notedToRemarked).build();
        String id = UUID.randomUUID().toString();
        append(event(id, 0));
        assertThat(payloads(upcasting.readEvents(id, 0).asStream().toList())).containsExactly(new Remarked("note 0"));
        assertThat(payloads(readAll(upcasting, null))).containsExactly(new Remarked("note 0"));
    }

    // ---- snapshots

    @Test
    void theLatestSnapshotWinsAndOlderOnesAreRemoved() {
        String id = UUID.randomUUID().toString();
        append(event(id, 0), event(id, 1), event(id, 2), event(id, 3));
        transactions.executeInTransaction(() -> engine.storeSnapshot(new GenericDomainEventMessage<>("Note", id, 1,
                new Noted("state at 1"))));
        transactions.executeInTransaction(() -> engine.storeSnapshot(new GenericDomainEventMessage<>("Note", id, 3,
                new Noted("state at 3"))));
        transactions.executeInTransaction(() -> engine.storeSnapshot(new GenericDomainEventMessage<>("Note", id, 3,
                new Noted("again at 3"))));
        DomainEventMessage<?> snapshot = engine.readSnapshot(id).orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(3);
        assertThat(snapshot.getPayload()).isEqualTo(new Noted("state at 3"));
        assertThat(client().getDatabase(properties.eventDatabase()).getCollection(EventDocuments.SNAPSHOTS)
                .countDocuments(new Document(EventDocuments.AGGREGATE_IDENTIFIER, id))).isEqualTo(1);
        assertThat(engine.readSnapshot(UUID.randomUUID().toString())).isEmpty();
    }

    // ---- optimistic concurrency

    @Test
    void ofConcurrentAppendsOfTheSameSequenceExactlyOneIsStored() throws Exception {
        String id = UUID.randomUUID().toString();
        append(event(id, 0));
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Callable<Boolean> attempt = () -> {
                start.await();
                try {
                    append(event(id, 1));
                    return true;
                } catch (ConcurrencyException refused) {
                    return false;
                }
            };
            results.add(pool.submit(attempt));
        }
        start.countDown();
        int stored = 0;
        for (Future<Boolean> result : results) {
            stored += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(stored).isEqualTo(1);
        assertThat(engine.readEvents(id, 0).asStream().count()).isEqualTo(2);
    }

    @Test
    void concurrentWritersGetDistinctNumbersAndLoseNothing() throws Exception {
        int writers = 8;
        int appendsEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < appendsEach; i++) {
                    append(event(UUID.randomUUID().toString(), 0));
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(readAll(engine, null)).extracting(StorageBehaviour::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, writers * appendsEach).boxed().toList());
    }

    @Test
    void aSecondFirstEventOfAnAggregateIsRefusedAsAStreamCreationConflict() {
        String id = UUID.randomUUID().toString();
        append(event(id, 0));
        assertThatThrownBy(() -> append(event(id, 0))).isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void aConflictingAppendLeavesNothingBehindAndReadersDoNotWaitForItsNumbers() {
        String existing = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        append(event(existing, 0), event(existing, 1));
        assertThatThrownBy(() -> append(event(fresh, 0), event(existing, 1)))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining(existing);
        String later = UUID.randomUUID().toString();
        append(event(later, 0));

        assertThat(engine.readEvents(fresh, 0).asStream()).isEmpty();
        // the gap timeout is a minute: were numbers 3 and 4 not released, the read would stop before 5
        assertThat(readAll(engine, null)).extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly(existing, existing, later);
    }

    @Test
    void anAppendInAFailedUnitOfWorkIsNotStoredWhereTheServerHasTransactions() {
        Assumptions.assumeTrue(capabilities.transactions(),
                "the server has no transactions: " + capabilities.description());
        String id = UUID.randomUUID().toString();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        engine.appendEvents(event(id, 0));
        unitOfWork.rollback(new IllegalStateException("command failed after the append"));
        assertThat(engine.readEvents(id, 0).asStream().count()).isZero();

        String later = UUID.randomUUID().toString();
        append(event(later, 0));
        assertThat(readAll(engine, null)).hasSize(1); // the rolled-back number was released: no waiting for it
    }

    // ---- tracking: order, tokens, positions

    @Test
    void aTrackingReaderSeesEveryEventOfEveryStreamOnceInGlobalOrder() {
        List<String> ids = Stream.generate(() -> UUID.randomUUID().toString()).limit(5).toList();
        for (int sequence = 0; sequence < 4; sequence++) {
            for (String id : ids) {
                append(event(id, sequence));
            }
        }
        List<TrackedEventMessage<?>> seen = new ArrayList<>();
        TrackingToken token = null;
        while (true) {
            List<TrackedEventMessage<?>> batch = new ArrayList<>();
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                stream.limit(7).forEach(batch::add);
            }
            if (batch.isEmpty()) {
                break;
            }
            seen.addAll(batch);
            token = batch.get(batch.size() - 1).trackingToken();
        }
        assertThat(seen).extracting(EventMessage::getIdentifier).containsExactlyElementsOf(globalOrder());
        assertThat(seen).extracting(StorageBehaviour::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(seen).allSatisfy(event ->
                assertThat(event.trackingToken()).isInstanceOf(GapAwareTrackingToken.class));
    }

    // ---- events of no aggregate

    @Test
    void anEventOfNoAggregateIsStoredAndTrackedAsOneAndJoinsNoStream() {
        EventMessage<?> plain = GenericEventMessage.asEventMessage(new Noted("application event"))
                .andMetaData(MetaData.with("correlationId", "plain"));
        // an aggregate named like the event: Axon's JDBC engine would file the event as that aggregate's first
        String namedLikeTheEvent = plain.getIdentifier();
        append(plain);
        append(event(namedLikeTheEvent, 0), event(namedLikeTheEvent, 1));

        Document stored = storedEvents().find(new Document(EventDocuments.EVENT_IDENTIFIER, plain.getIdentifier()))
                .first();
        assertThat(stored).doesNotContainKeys(EventDocuments.AGGREGATE_IDENTIFIER, EventDocuments.SEQUENCE_NUMBER,
                EventDocuments.TYPE);
        List<TrackedEventMessage<?>> read = readAll(engine, null);
        assertThat(read).extracting(StorageBehaviour::position).containsExactly(1L, 2L, 3L);
        assertThat(read.get(0)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(read.get(0).getIdentifier()).isEqualTo(plain.getIdentifier());
        assertThat(read.get(0).getPayload()).isEqualTo(new Noted("application event"));
        assertThat(read.get(0).getMetaData()).containsEntry("correlationId", "plain");
        assertThat(read.get(0).getTimestamp()).isEqualTo(plain.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
        assertThat(read.subList(1, 3)).allSatisfy(event -> assertThat(event).isInstanceOf(DomainEventMessage.class));
        assertThat(engine.readEvents(namedLikeTheEvent, 0).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
        assertThat(engine.lastSequenceNumberFor(namedLikeTheEvent)).contains(1L);
    }

    // ---- event identifiers

    @Test
    void aSecondEventWithAStoredIdentifierIsRefusedAndLeavesNothingBehind() {
        String first = UUID.randomUUID().toString();
        DomainEventMessage<Noted> original = event(first, 0);
        append(original);
        String other = UUID.randomUUID().toString();
        DomainEventMessage<Noted> copy = new GenericDomainEventMessage<>("Note", other, 1, new Noted("copy"),
                MetaData.emptyInstance(), original.getIdentifier(), Instant.now());
        assertThatThrownBy(() -> append(event(other, 0), copy)).isInstanceOf(ConcurrencyException.class);
        DomainEventMessage<Noted> firstOfItsStream = new GenericDomainEventMessage<>("Note", other, 0,
                new Noted("copy"), MetaData.emptyInstance(), original.getIdentifier(), Instant.now());
        assertThatThrownBy(() -> append(firstOfItsStream)).isInstanceOf(AggregateStreamCreationException.class);
        EventMessage<?> plain = GenericEventMessage.asEventMessage(new Noted("no aggregate"));
        append(plain);
        assertThatThrownBy(() -> append(new GenericEventMessage<>(plain.getIdentifier(), new Noted("again"),
                MetaData.emptyInstance(), Instant.now()))).isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents(other, 0).asStream()).isEmpty();
        assertThat(readAll(engine, null)).extracting(EventMessage::getIdentifier)
                .containsExactly(original.getIdentifier(), plain.getIdentifier());
        assertThat(payloads(engine.readEvents(first, 0).asStream().toList())).containsExactly(new Noted("note 0"));
    }

    @Test
    void aStoreWrittenBeforeIdentifiersWereUniqueGetsTheIndexAtStart() {
        MongoCollection<Document> events = storedEvents();
        events.dropIndexes(); // as an installation of before: no unique event identifier
        events.createIndex(new Document(EventDocuments.AGGREGATE_KEY, 1), new IndexOptions().unique(true));
        String id = UUID.randomUUID().toString();
        DomainEventMessage<Noted> stored = event(id, 0);
        append(stored);

        engineOnSameStore().build().ensureSchema();

        DomainEventMessage<Noted> copy = new GenericDomainEventMessage<>("Note", id, 1, new Noted("copy"),
                MetaData.emptyInstance(), stored.getIdentifier(), Instant.now());
        assertThatThrownBy(() -> append(copy)).isInstanceOf(ConcurrencyException.class);
        assertThat(engine.lastSequenceNumberFor(id)).contains(0L);
    }

    @Test
    void aStoreHoldingTwoEventsWithOneIdentifierIsRefusedAtStartNamingIt() {
        MongoCollection<Document> events = storedEvents();
        events.dropIndexes();
        String id = UUID.randomUUID().toString();
        String shared = UUID.randomUUID().toString();
        for (long sequence = 0; sequence < 2; sequence++) {
            Document copy = EventDocuments.event(new GenericDomainEventMessage<>("Note", id, sequence,
                    new Noted("copy"), MetaData.emptyInstance(), shared, Instant.now()), serializer);
            EventDocuments.sequence(copy, 100 + sequence, Instant.now());
            events.insertOne(copy);
        }

        assertThatThrownBy(() -> engineOnSameStore().build().ensureSchema())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("share an event identifier")
                .hasMessageContaining(shared + " (2 events)");
    }

    @Test
    void tailHeadAndTimeTokensArePositionsInTheGlobalSequence() {
        assertThat(engine.createTailToken()).isNull();
        assertThat(engine.createHeadToken()).isNull();
        Instant noon = Instant.parse("2025-03-01T12:00:00Z");
        String id = UUID.randomUUID().toString();
        append(eventAt(id, 0, noon), eventAt(id, 1, noon.plusSeconds(3600)), eventAt(id, 2, noon.plusSeconds(7200)));

        TrackingToken tail = engine.createTailToken();
        assertThat(tail.position()).hasValue(0);
        assertThat(readAll(engine, tail)).hasSize(3);

        TrackingToken head = engine.createHeadToken();
        assertThat(head.position()).hasValue(3);
        assertThat(readAll(engine, head)).isEmpty();

        assertThat(readAll(engine, engine.createTokenAt(noon.plusSeconds(1800)))).extracting(StorageBehaviour::position)
                .containsExactly(2L, 3L);
        assertThat(readAll(engine, engine.createTokenAt(noon.plusSeconds(3600)))).extracting(StorageBehaviour::position)
                .containsExactly(2L, 3L);
        assertThat(engine.createTokenAt(noon.plusSeconds(86_400))).isEqualTo(head);

        append(event(id, 3));
        assertThat(readAll(engine, head)).extracting(StorageBehaviour::position).containsExactly(4L);
    }

    @Test
    void aHeadTokenKeepsAnAppendStillInFlightAsAGap() {
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventStorageEngine holding = engineOnSameStore().appendHook((first, count) -> {
            if (first == 2) {
                taken.countDown();
                awaitQuietly(release);
            }
        }).build();
        append(holding, event(UUID.randomUUID().toString(), 0));
        Thread writer = new Thread(() -> append(holding, event(UUID.randomUUID().toString(), 0)));
        writer.start();
        awaitQuietly(taken);
        append(holding, event(UUID.randomUUID().toString(), 0));

        TrackingToken head = engine.createHeadToken();
        release.countDown();
        joinQuietly(writer);
        assertThat(head).isEqualTo(GapAwareTrackingToken.newInstance(3, List.of(2L)));
        assertThat(readAll(engine, head)).extracting(StorageBehaviour::position).containsExactly(3L);
    }

    @Test
    void farBehindTheHeadAReaderKeepsOneCursorOpenAcrossBatches() {
        List<String> finds = Collections.synchronizedList(new ArrayList<>());
        EventStorageEngine smallBatches = engineOnSameStore(clientNotingFindsOfEvents(finds)).batchSize(10).build();
        for (int batch = 0; batch < 10; batch++) {
            String id = UUID.randomUUID().toString();
            append(IntStream.range(0, 10).mapToObj(sequence -> event(id, sequence)).toArray(EventMessage[]::new));
        }
        finds.clear();

        assertThat(readAll(smallBatches, null)).hasSize(100);
        assertThat(finds).containsExactly("$gt"); // one cursor for all ten batches, not a query per batch
    }

    /** Numbers released by failed appends, more of them in a row than any read looks at, hold no reader back. */
    @Test
    void aReaderMovesPastALongRunOfAbandonedNumbers() {
        String id = UUID.randomUUID().toString();
        append(event(id, 0));
        EventMessage<?>[] conflicting = IntStream.range(0, 1_500).mapToObj(sequence -> event(id, sequence))
                .toArray(EventMessage[]::new);
        assertThatThrownBy(() -> append(conflicting)).isInstanceOf(AggregateStreamCreationException.class);
        append(event(id, 1));

        assertThat(readAll(engine, null)).extracting(StorageBehaviour::position).containsExactly(1L, 1_502L);
        assertThat(readAll(engine, GapAwareTrackingToken.newInstance(1, List.of())))
                .extracting(StorageBehaviour::position).containsExactly(1_502L);
    }

    /**
     * A client that notes, for each find on the events, how it selects by global index: {@code $in} for a lookup
     * by number, {@code $gt} for a cursor over the rest.
     */
    private MongoClient clientNotingFindsOfEvents(List<String> finds) {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonDocument command = event.getCommand(); // only valid during the callback: read it here
                if (event.getCommandName().equals("find")
                        && command.getString("find").getValue().equals(EventDocuments.EVENTS)) {
                    BsonDocument filter = command.getDocument("filter");
                    finds.add(filter.isDocument(EventDocuments.GLOBAL_INDEX)
                            ? String.join(",", filter.getDocument(EventDocuments.GLOBAL_INDEX).keySet()) : filter.toJson());
                }
            }
        };
        MongoClient listening = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connection.connectionString()))
                .addCommandListener(listener).build());
        closeAfterTest.add(listening);
        return listening;
    }

    @Test
    void aProcessorsTokenIsStoredWithItsGapsAndClaimed() {
        tokens.initializeTokenSegments("case-views", 1);
        TrackingToken token = GapAwareTrackingToken.newInstance(41, List.of(37L, 40L));
        tokens.storeToken(token, "case-views", 0);
        assertThat(tokens.fetchToken("case-views", 0)).isEqualTo(token);
    }

    @Test
    void aProcessorReportsItsPositionInTheGlobalSequence() {
        String id = UUID.randomUUID().toString();
        append(event(id, 0), event(id, 1), event(id, 2));
        Recording processor = processors(engine).start("positions");
        processor.awaitWhileMoving().until(() -> processor.received().size() == 3);
        processor.awaitWhileMoving().untilAsserted(() -> assertThat(
                processor.processor().processingStatus().get(0).getCurrentPosition()).hasValue(3));
    }

    // ---- gaps: commits held back, writers that die

    @Test
    void withCommitsHeldBackEveryProcessorReceivesEveryEventOnceInGlobalOrder() throws Exception {
        List<Long> commitOrder = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Long> taken = new ThreadLocal<>();
        EventStorageEngine slowNowAndThen = engineOnSameStore().appendHook((first, count) -> {
            taken.set(first);
            if (first % 9 == 4) {
                sleepQuietly(Duration.ofMillis(1200));
            }
        }).build();
        TrackingProcessors processors = processors(slowNowAndThen);
        List<Recording> recordings = List.of(processors.start("first"), processors.start("second"));
        int writers = 4;
        int appendsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            String id = UUID.randomUUID().toString();
            done.add(pool.submit(() -> {
                for (int sequence = 0; sequence < appendsEach; sequence++) {
                    long number = sequence;
                    transactions.executeInTransaction(() -> processors.eventStore().publish(event(id, number)));
                    commitOrder.add(taken.get());
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(commitOrder).as("some commits landed after later numbers").isNotEqualTo(
                commitOrder.stream().sorted().toList());
        List<String> globalOrder = globalOrder();
        assertThat(globalOrder).hasSize(writers * appendsEach);
        for (Recording recording : recordings) {
            recording.awaitWhileMoving()
                    .until(() -> recording.received().size() >= globalOrder.size());
            assertThat(recording.eventIdentifiers()).containsExactlyElementsOf(globalOrder);
        }
    }

    @Test
    void whenAWriterDiesBetweenNumberAndInsertProcessorsMoveOnAfterTheGapTimeout() {
        Duration gapTimeout = Duration.ofSeconds(1);
        EventStorageEngine dying = engineOnSameStore().gapTimeout(gapTimeout).appendHook((first, count) -> {
            if (first == 2) {
                throw new WriterDied();
            }
        }).build();
        DomainEventMessage<Noted> before = event(UUID.randomUUID().toString(), 0);
        DomainEventMessage<Noted> after = event(UUID.randomUUID().toString(), 0);
        append(dying, before);
        assertThatThrownBy(() -> append(dying, event(UUID.randomUUID().toString(), 0))).isInstanceOf(WriterDied.class);
        Instant afterTakesItsNumber = Instant.now();
        append(dying, after);

        Recording processor = processors(dying).start("views");
        processor.awaitWhileMoving().until(() -> processor.received().size() == 2);
        assertThat(processor.eventIdentifiers()).containsExactly(before.getIdentifier(), after.getIdentifier());
        assertThat(processor.received().get(1).at()).isAfterOrEqualTo(afterTakesItsNumber.plus(gapTimeout));
        processor.awaitWhileMoving().untilAsserted(() -> assertThat(processor.token())
                .isEqualTo(GapAwareTrackingToken.newInstance(3, List.of(2L))));
    }

    @Test
    void aCommitLandingAfterTheGapTimeoutIsStillDeliveredOnce() {
        CountDownLatch taken = new CountDownLatch(1);
        EventStorageEngine late = engineOnSameStore().gapTimeout(Duration.ofMillis(300)).appendHook((first, count) -> {
            if (first == 2) {
                taken.countDown();
                sleepQuietly(Duration.ofMillis(1500));
            }
        }).build();
        DomainEventMessage<Noted> first = event(UUID.randomUUID().toString(), 0);
        DomainEventMessage<Noted> held = event(UUID.randomUUID().toString(), 0);
        DomainEventMessage<Noted> third = event(UUID.randomUUID().toString(), 0);
        append(late, first);
        Thread writer = new Thread(() -> append(late, held));
        writer.start();
        awaitQuietly(taken);
        append(late, third);

        Recording processor = processors(late).start("views");
        joinQuietly(writer);
        processor.awaitWhileMoving().until(() -> processor.received().size() == 3);
        assertThat(processor.eventIdentifiers())
                .containsExactly(first.getIdentifier(), third.getIdentifier(), held.getIdentifier());
        processor.awaitWhileMoving().untilAsserted(() -> assertThat(processor.token())
                .isEqualTo(GapAwareTrackingToken.newInstance(3, List.of())));
    }

    @Test
    void tokensKeepGapsOnlyWithinTheMaximumOffset() {
        EventStorageEngine dying = engineOnSameStore().gapTimeout(Duration.ofMillis(50)).maxGapOffset(3)
                .appendHook((first, count) -> {
                    if (first >= 2 && first <= 7) {
                        throw new WriterDied();
                    }
                }).build();
        append(dying, event(UUID.randomUUID().toString(), 0));
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> append(dying, event(UUID.randomUUID().toString(), 0)))
                    .isInstanceOf(WriterDied.class);
        }
        append(dying, event(UUID.randomUUID().toString(), 0));
        sleepQuietly(Duration.ofMillis(100));

        List<TrackedEventMessage<?>> read = readAll(dying, null);
        assertThat(read).extracting(StorageBehaviour::position).containsExactly(1L, 8L);
        assertThat(read.get(1).trackingToken()).isEqualTo(GapAwareTrackingToken.newInstance(8, List.of(5L, 6L, 7L)));
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
