package org.nrmplatform.web;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Where the page tests' sessions are kept: one in-memory MongoDB-compatible server for the test run. */
final class SessionStoreForTests {

    private static final MongoServer STORE = new MongoServer(new MemoryBackend());
    private static final String URI = STORE.bindAndGetConnectionString();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(STORE::shutdownNow, "session-store-for-tests"));
    }

    private SessionStoreForTests() {
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("nrm.store.uri", () -> URI);
    }
}
