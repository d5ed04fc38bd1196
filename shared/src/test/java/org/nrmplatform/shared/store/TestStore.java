package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.nrmplatform.embeddedstore.EmbeddedStore.Handle;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The server a storage test class runs its behaviours against ({@link StorageBehaviour},
 * {@link AxonEngineContract}), named on the class with {@code @ExtendWith}: started before the class's first
 * test, stopped after its last, and given to its methods as a {@link Connection} parameter.
 */
abstract class TestStore implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestStore.class);

    /** A client of the server and the address it was made from (for clients with settings of their own). */
    record Connection(MongoClient client, String connectionString) {
    }

    /** A started server: where it answers, and how it stops. */
    private record Running(Connection connection, AutoCloseable server) {
    }

    /** Starts the server; the returned handle stops it. */
    abstract Started start() throws Exception;

    record Started(String connectionString, AutoCloseable stop) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Started started = start();
        context.getStore(NAMESPACE).put(Running.class, new Running(new Connection(
                MongoClients.create(started.connectionString()), started.connectionString()), started.stop()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Running running = context.getStore(NAMESPACE).remove(Running.class, Running.class);
        if (running != null) {
            running.connection().client().close();
            running.server().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Connection.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Running.class, Running.class).connection();
    }

    /** The in-memory wire-protocol server the other tests use, one per JVM: nothing to stop. */
    static final class EmbeddedServer extends TestStore {
        @Override
        Started start() {
            return new Started(EmbeddedStore.uri(), () -> { });
        }
    }

    /** A real MongoDB single-node replica set, so with transactions; the class needs {@code @RequiresDocker}. */
    static final class ReplicaSet extends TestStore {
        @Override
        Started start() {
            MongoDBContainer mongo = new MongoDBContainer("mongo:7.0").withReplicaSet();
            mongo.start();
            return new Started(mongo.getReplicaSetUrl(), mongo::stop);
        }
    }

    /**
     * The embedded store as {@code infra/nrm} runs it (module {@code embedded-store}: the H2 file backend with
     * its value-ordered unique indexes), on a file in a temporary directory removed afterwards.
     */
    static final class EmbeddedFileStore extends TestStore {
        @Override
        Started start() throws IOException {
            Path directory = Files.createTempDirectory("nrm-embedded-store");
            Handle store = org.nrmplatform.embeddedstore.EmbeddedStore.start(directory, 0);
            return new Started(store.connectionString(), () -> {
                store.close();
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            });
        }
    }
}
