package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.nrmplatform.embeddedstore.EmbeddedStore;

/**
 * Axon's storage-engine suite on the embedded store as {@code infra/nrm} runs it (module {@code embedded-store}:
 * the H2 file backend with its value-ordered unique indexes), on a file in a temporary directory.
 */
class AxonContractOnEmbeddedStoreTest extends AxonEngineContract {

    @TempDir
    static Path dataDir;

    private static EmbeddedStore.Handle store;
    private static MongoClient client;

    @BeforeAll
    static void start() throws IOException {
        store = EmbeddedStore.start(dataDir, 0);
        client = MongoClients.create(store.connectionString());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Override
    protected MongoClient client() {
        return client;
    }
}
