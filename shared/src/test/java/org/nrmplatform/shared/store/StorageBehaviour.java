package org.nrmplatform.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * What the platform relies on from its MongoDB storage, run against each kind of server: the embedded
 * wire-protocol server here, a real replica set with transactions where Docker can provide one.
 */
abstract class StorageBehaviour {

    record Noted(String text) {
    }

    private final EventStoreConfiguration configuration = new EventStoreConfiguration();
    protected EventStorageEngine engine;
    protected TokenStore tokens;
    protected TransactionManager transactions;
    protected StoreCapabilities capabilities;

    protected abstract MongoClient client();

    @BeforeEach
    void storage() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        StoreProperties properties = new StoreProperties("events_" + suffix, "service_" + suffix,
                StoreProperties.TransactionMode.AUTO, Duration.ofSeconds(5));
        SimpleMongoClientDatabaseFactory factory =
                new SimpleMongoClientDatabaseFactory(client(), properties.serviceDatabase());
        Serializer serializer = EventStoreConfiguration.jsonSerializer();
        capabilities = configuration.storeCapabilities(client(), properties);
        transactions = configuration.axonTransactionManager(capabilities, factory);
        engine = configuration.eventStorageEngine(client(), factory, capabilities, properties, transactions,
                serializer, serializer, List.of());
        tokens = configuration.tokenStore(client(), factory, capabilities, properties, serializer);
    }

    static DomainEventMessage<Noted> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Note", aggregateId, sequence, new Noted("note " + sequence),
                MetaData.with("correlationId", "test-" + sequence));
    }

    private void append(DomainEventMessage<?>... events) {
        transactions.executeInTransaction(() -> engine.appendEvents(events));
    }

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
    }

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
    void aTrackingReaderSeesEveryEventOfEveryStreamOnce() {
        List<String> ids = Stream.generate(() -> UUID.randomUUID().toString()).limit(5).toList();
        for (int sequence = 0; sequence < 4; sequence++) {
            for (String id : ids) {
                append(event(id, sequence));
            }
        }
        List<String> seen = new ArrayList<>();
        TrackingToken token = null;
        while (true) {
            List<? extends TrackedEventMessage<?>> batch = engine.readEvents(token, false).limit(7).toList();
            if (batch.isEmpty()) {
                break;
            }
            for (TrackedEventMessage<?> message : batch) {
                DomainEventMessage<?> domain = (DomainEventMessage<?>) message;
                seen.add(domain.getAggregateIdentifier() + "/" + domain.getSequenceNumber());
                token = message.trackingToken();
            }
        }
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void aProcessorTokenIsStoredAndClaimed() {
        tokens.initializeTokenSegments("case-views", 1);
        TrackingToken token = new GlobalSequenceTrackingToken(41);
        tokens.storeToken(token, "case-views", 0);
        assertThat(tokens.fetchToken("case-views", 0)).isEqualTo(token);
    }

    @Test
    void anAppendInAFailedUnitOfWorkIsNotStoredWhereTheServerHasTransactions() {
        org.junit.jupiter.api.Assumptions.assumeTrue(capabilities.transactions(),
                "the server has no transactions: " + capabilities.description());
        String id = UUID.randomUUID().toString();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        engine.appendEvents(event(id, 0));
        unitOfWork.rollback(new IllegalStateException("command failed after the append"));
        assertThat(engine.readEvents(id, 0).asStream().count()).isZero();
    }

    @Test
    void theStoreRefusesToReadAnEventThatDoesNotExist() {
        assertThatThrownBy(() -> engine.readEvents(UUID.randomUUID().toString(), 0).asStream().findFirst().orElseThrow())
                .isInstanceOf(java.util.NoSuchElementException.class);
    }
}
