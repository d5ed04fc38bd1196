package org.nrmplatform.gateway;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The store the rate limits' buckets live in: one in-process MongoDB wire-protocol server per test JVM on a free
 * loopback port, stopped when the JVM exits.
 */
final class TestStore {

    private static String uri;

    private TestStore() {
    }

    static synchronized String uri() {
        if (uri == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "test-store-stop"));
        }
        return uri;
    }
}
