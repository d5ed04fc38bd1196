package org.nrmplatform.shared.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A store of a test's own that the test stops and starts again, for what a service does while its store is
 * gone: on a file (as the embedded store keeps its data), so its data is back with it, and on the same
 * loopback port, so the service reconnects without being told. Needs {@code mongo-java-server-h2-backend}
 * on the test's class path.
 */
public final class StoppableStore {

    private final Path file;
    private final int port;
    private MongoServer server;

    /** Started at once on a free port, in a new temporary directory named after {@code name}. */
    public StoppableStore(String name) {
        try {
            file = Files.createTempDirectory(name).resolve("store.mv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = bind(0);
        port = server.getLocalAddress().getPort();
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Stops at once, with its connections, as a store that dies does. */
    public synchronized void stop() {
        server.shutdownNow();
    }

    /** Starts again on the same port with the data it had. */
    public synchronized void start() {
        server = bind(port);
    }

    private MongoServer bind(int at) {
        MongoServer started = new MongoServer(new H2Backend(file.toString()));
        started.bind("127.0.0.1", at);
        return started;
    }
}
