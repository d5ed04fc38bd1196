package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.nrmplatform.shared.testing.EmbeddedStore;

/** Axon's storage-engine suite on the in-memory wire-protocol server the other storage tests use. */
class AxonContractOnEmbeddedServerTest extends AxonEngineContract {

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedStore.uri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected MongoClient client() {
        return client;
    }
}
