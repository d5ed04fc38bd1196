package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.nrmplatform.shared.testing.EmbeddedStore;

/** The storage behaviours on the embedded wire-protocol server the platform runs on by default. */
class EmbeddedStorageTest extends StorageBehaviour {

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

    @Override
    protected String connectionString() {
        return EmbeddedStore.uri();
    }
}
