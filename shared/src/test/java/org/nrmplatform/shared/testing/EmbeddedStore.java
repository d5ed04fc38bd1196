package org.nrmplatform.shared.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One in-memory MongoDB wire-protocol server per test JVM, on a free loopback port, stopped when the JVM
 * exits (unless {@code nrm.test.store-uri} names another store). Each registration gets databases of its own, so test classes never see each other's data.
 */
public final class EmbeddedStore {

    private static MongoServer server;
    private static String uri;

    private EmbeddedStore() {
    }

    /**
     * The server's address; with {@code -Dnrm.test.store-uri=mongodb://...} another store instead (the embedded
     * store of {@code infra/nrm}, say, to measure against its file).
     */
    public static synchronized String uri() {
        String other = System.getProperty("nrm.test.store-uri");
        if (other != null && !other.isBlank()) {
            return other;
        }
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-store-stop"));
        }
        return uri;
    }

    /** A fixed master key for the subject key store of tests (base64 of 32 bytes); never used outside tests. */
    public static final String TEST_MASTER_KEY = "dGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzLWxvbmchISE=";

    /** A fixed key of the blind index of persons (base64 of 32 bytes); never used outside tests. */
    public static final String TEST_MATCHING_KEY = "dGVzdC1ibGluZC1pbmRleC1rZXktMzItYnl0ZXMhISE=";

    /** A fixed key-encryption key for identity-service's signing keys (base64 of 32 bytes); never used outside tests. */
    public static final String TEST_KEY_ENCRYPTION_KEY = "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZSE=";

    /**
     * Points a Spring test context at the embedded server, with fresh event, service and subject key databases,
     * the test master key and the test key-encryption key.
     */
    public static void register(DynamicPropertyRegistry registry) {
        register(registry, EmbeddedStore::uri);
    }

    /** The same, on a store of the test's own (one it stops and starts again, say). */
    public static void register(DynamicPropertyRegistry registry, Supplier<Object> storeUri) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        registry.add("nrm.store.uri", storeUri);
        registry.add("nrm.store.event-database", () -> "events_" + suffix);
        registry.add("nrm.store.service-database", () -> "service_" + suffix);
        // a checkpoint key of the test's own, never the developer's data directory
        registry.add("nrm.evidence.checkpoints.signing-key-file", () -> System.getProperty("java.io.tmpdir")
                + "/nrm-test-keys/checkpoint-" + suffix + ".pem");
        registry.add("nrm.privacy.key-database", () -> "keys_" + suffix);
        registry.add("nrm.privacy.master-key", () -> TEST_MASTER_KEY);
        registry.add("nrm.identity.key-encryption-key", () -> TEST_KEY_ENCRYPTION_KEY);
        registry.add("nrm.matching.key", () -> TEST_MATCHING_KEY);
    }
}
