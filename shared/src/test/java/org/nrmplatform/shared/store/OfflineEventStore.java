package org.nrmplatform.shared.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The storage engine exactly as every service builds it ({@link EventStoreConfiguration} with its default
 * properties: the services' JSON serializer, the hash chain on, the same batch size, gap timeout and stream-head
 * cache), for a tool that writes events into a store while the platform is stopped: the generator of a large
 * installation (case-service's {@code installation} test package, docs/architecture.md decision 48). Only the
 * embedded store and a standalone MongoDB (no transactions) are meant: a tool has no unit of work to join.
 */
public final class OfflineEventStore {

    private OfflineEventStore() {
    }

    /** A client that writes as the services do: every write acknowledged once it is in the journal. */
    public static MongoClient connect(String uri) {
        return MongoClients.create(JournaledWrites.apply(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))).build());
    }

    /** The engine on {@code eventDatabase} (the services' default is {@code nrm_events}), its schema ensured. */
    public static SequencedMongoEventStorageEngine engine(MongoClient client, String eventDatabase) {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(EventDatabase.withoutTransactions(client, eventDatabase))
                .batchSize(1000)
                .gapTimeout(java.time.Duration.ofSeconds(60))
                .maxGapOffset(10_000)
                .hashChain(true)
                .streamHeadCacheSize(10_000)
                .eventSerializer(EventStoreConfiguration.jsonSerializer())
                .snapshotSerializer(EventStoreConfiguration.jsonSerializer())
                .build();
        engine.ensureSchema();
        return engine;
    }
}
