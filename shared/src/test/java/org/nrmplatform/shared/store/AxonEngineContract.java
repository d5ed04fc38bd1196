package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngineTest;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Axon 4's own storage-engine test suite ({@code AbstractEventStorageEngineTest} from Axon's published test jar),
 * inherited unchanged, run against {@link SequencedMongoEventStorageEngine}: the contract Axon's own engines meet.
 * Each test gets an event database of its own; subclasses name the server that holds it ({@link TestStore}).
 * Axon's tests append without a unit of work, as an engine must allow.
 */
abstract class AxonEngineContract
        extends AbstractEventStorageEngineTest<SequencedMongoEventStorageEngine, SequencedMongoEventStorageEngine.Builder> {

    private final Serializer serializer = EventStoreConfiguration.jsonSerializer();
    private String database;

    private MongoClient client;

    @BeforeEach
    void engineOnAnEmptyDatabase(TestStore.Connection connection) {
        client = connection.client();
        database = "axon_" + UUID.randomUUID().toString().substring(0, 8);
        setTestSubject(createEngine());
    }

    @AfterEach
    void dropDatabase() {
        client.getDatabase(database).drop();
    }

    @Override
    protected SequencedMongoEventStorageEngine createEngine(
            UnaryOperator<SequencedMongoEventStorageEngine.Builder> customization) {
        SequencedMongoEventStorageEngine.Builder builder = SequencedMongoEventStorageEngine.builder()
                .database(EventDatabase.withoutTransactions(client, database))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
        SequencedMongoEventStorageEngine engine = customization.apply(builder).build();
        engine.ensureSchema();
        return engine;
    }
}
