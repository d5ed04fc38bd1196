package org.nrmplatform.embeddedstore;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * One in-process MongoDB wire-protocol server (mongo-java-server) persisting to an H2 MVStore file and a
 * write-ahead log, with unique indexes ordered by value ({@link EmbeddedStoreBackend}).
 *
 * <p>Used by the local launcher {@code infra/nrm} instead of a real MongoDB. The server binds to
 * 127.0.0.1 only, and run as a program it answers only clients that authenticate as its user with SCRAM-SHA-256
 * ({@link StoreCredentials}, from the environment: {@code NRM_STORE_USERNAME}, {@code NRM_STORE_PASSWORD}); it
 * refuses to start without a password. Data lives in {@code <dataDir>/store/nrm-store.mv} and {@code <dataDir>/store/wal/}. A write
 * acknowledged with a journaled write concern is on the disk before its reply, so it survives a hard kill of
 * the store and a crash of the machine; on a clean shutdown (SIGTERM, SIGINT, {@link Handle#close()}) the server
 * stops accepting connections and the MVStore is checkpointed and closed.
 *
 * <p>Known limitation of mongo-java-server: non-unique secondary indexes are accepted but ignored
 * (unique indexes are enforced).
 *
 * <p>Usage: {@code java -jar nrm-embedded-store-exec.jar [--port=N | N] [--data-dir=PATH]}; defaults come from
 * the environment variables {@code NRM_STORE_PORT} (27117) and {@code NRM_DATA_DIR} ({@code ./nrm-data}).
 */
public final class EmbeddedStore {

    public static final String HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 27117;
    public static final String DEFAULT_DATA_DIR = "./nrm-data";
    static final String STORE_SUBDIR = "store";
    static final String STORE_FILE = "nrm-store.mv";
    static final String WAL_SUBDIR = "wal";
    private static final int WORKER_THREADS = 16;

    private EmbeddedStore() {
    }

    /** Location of the MVStore file below a data directory. */
    public static Path storeFile(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(STORE_SUBDIR).resolve(STORE_FILE);
    }

    /**
     * Opens (or creates) the store file below {@code dataDir} and starts the wire-protocol server on
     * 127.0.0.1:{@code port} ({@code 0} picks a free port; see {@link Handle#port()}), answering every local client:
     * for tests inside one JVM only. The program (and so {@code infra/nrm}) always requires credentials.
     *
     * @throws IOException if the directories cannot be created
     * @throws IllegalStateException if the store file is locked by another process or the port cannot be bound
     */
    public static Handle start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, EmbeddedStoreBackend.Settings.DEFAULT, null);
    }

    /** The same, answering only clients that authenticate with these credentials. */
    public static Handle start(Path dataDir, int port, StoreCredentials credentials) throws IOException {
        return start(dataDir, port, EmbeddedStoreBackend.Settings.DEFAULT, Objects.requireNonNull(credentials));
    }

    static Handle start(Path dataDir, int port, EmbeddedStoreBackend.Settings settings) throws IOException {
        return start(dataDir, port, settings, null);
    }

    static Handle start(Path dataDir, int port, EmbeddedStoreBackend.Settings settings, StoreCredentials credentials)
            throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Path file = storeFile(dataDir);
        Files.createDirectories(file.getParent());

        EmbeddedStoreBackend backend;
        try {
            backend = EmbeddedStoreBackend.open(file, file.resolveSibling(WAL_SUBDIR), settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open store file " + file
                    + " (is another NRM embedded store using this data directory?): " + e.getMessage(), e);
        }

        MongoServer server = new MongoServer(credentials == null ? backend
                : new AuthenticatedAccess(backend, credentials));
        try {
            // a worker waits for the disk while a write is synced: enough of them that others are served meanwhile
            server.bind(new InetSocketAddress(HOST, port), 0, WORKER_THREADS);
        } catch (Exception e) { // Netty rethrows java.net.BindException undeclared
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // server.shutdown() also closes the backend (and thereby the MVStore)
            shutdownQuietly(server, backend);
            throw new IllegalStateException("cannot listen on " + HOST + ":" + port
                    + " (port in use?): " + rootMessage(e), e);
        }
        return new Handle(server, backend, file);
    }

    private static void shutdownQuietly(MongoServer server, H2Backend backend) {
        try {
            server.shutdownNow();
        } catch (RuntimeException ignored) {
            // best effort
        }
        closeMvStore(backend.getMvStore());
    }

    private static void closeMvStore(MVStore mvStore) {
        if (!mvStore.isClosed()) {
            try {
                mvStore.commit();
            } finally {
                mvStore.close();
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** A running store. Closing it stops the server and commits/closes the MVStore. Idempotent. */
    public static final class Handle implements AutoCloseable {

        private final MongoServer server;
        private final EmbeddedStoreBackend backend;
        private final Path storeFile;
        private final int port;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Handle(MongoServer server, EmbeddedStoreBackend backend, Path storeFile) {
            this.server = server;
            this.backend = backend;
            this.storeFile = storeFile;
            InetSocketAddress address = server.getLocalAddress();
            this.port = address.getPort();
        }

        public int port() {
            return port;
        }

        public String host() {
            return HOST;
        }

        /** {@code mongodb://127.0.0.1:<port>}. */
        public String connectionString() {
            return "mongodb://" + HOST + ":" + port;
        }

        EmbeddedStoreBackend backend() {
            return backend;
        }

        public Path storeFile() {
            return storeFile;
        }

        public boolean isClosed() {
            return closed.get();
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                // stops listening, closes client connections, then closes the backend,
                // which commits pending changes and closes the MVStore
                server.shutdown();
            } finally {
                // in case shutdown failed half-way: make sure everything is on disk and the file lock is released
                closeMvStore(backend.getMvStore());
            }
        }
    }

    // ------------------------------------------------------------------------------------------- main

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            // the driver's connection chatter is not the operator's business
            System.setProperty("org.slf4j.simpleLogger.log.org.mongodb.driver", "warn");
            System.exit(BackupClient.run(args[0], java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        Config config;
        try {
            config = Config.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("nrm-embedded-store: " + e.getMessage());
            printUsage(System.err);
            System.exit(2);
            return;
        }
        if (config.help) {
            printUsage(System.out);
            return;
        }

        Handle handle;
        try {
            handle = start(config.dataDir, config.port, config.acknowledgeFromMemory
                    ? EmbeddedStoreBackend.Settings.DEFAULT.acknowledgingFromMemory()
                    : EmbeddedStoreBackend.Settings.DEFAULT, config.credentials);
        } catch (IOException | RuntimeException e) {
            System.err.println("nrm-embedded-store: failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                handle.close();
                System.out.println("NRM embedded store stopped (data saved to " + handle.storeFile() + ")");
                System.out.flush();
            } catch (RuntimeException e) {
                System.err.println("nrm-embedded-store: error during shutdown: " + e);
            } finally {
                stopped.countDown();
            }
        }, "nrm-store-shutdown"));

        System.out.println("NRM embedded store listening on " + handle.connectionString()
                + " (data: " + handle.storeFile() + "; answers only user " + config.credentials.username()
                + ", SCRAM-SHA-256)"
                + (config.acknowledgeFromMemory ? " ACKNOWLEDGING FROM MEMORY: a crash loses acknowledged writes" : ""));
        System.out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printUsage(PrintStream out) {
        out.println("Usage: java -jar nrm-embedded-store-exec.jar [--port=N | N] [--data-dir=PATH]"
                + " [--acknowledge-from-memory]");
        out.println("       java -jar nrm-embedded-store-exec.jar backup --to DIR   (of the store running on"
                + " NRM_STORE_PORT, as its user)");
        out.println("       java -jar nrm-embedded-store-exec.jar restore --from DIR [--data-dir DIR] [--replace]"
                + "   (with the store stopped)");
        out.println("  --port      port on 127.0.0.1 (env NRM_STORE_PORT, default " + DEFAULT_PORT + ")");
        out.println("  --data-dir  data directory; the store file is <dir>/" + STORE_SUBDIR + "/" + STORE_FILE
                + " (env NRM_DATA_DIR, default " + DEFAULT_DATA_DIR + ")");
        out.println("Environment: " + StoreCredentials.PASSWORD_VARIABLE + " (required) and "
                + StoreCredentials.USERNAME_VARIABLE + " (default " + StoreCredentials.DEFAULT_USERNAME
                + "): the only user the store answers, authenticated with SCRAM-SHA-256");
        out.println("  --acknowledge-from-memory  answer writes before they are on the disk, as the store did before"
                + " its write-ahead log; a crash loses acknowledged writes. For the event store benchmark's"
                + " baseline only, never for an installation");
    }

    /** Command line / environment configuration. Arguments win over environment variables. */
    static final class Config {
        final int port;
        final Path dataDir;
        final boolean help;
        final boolean acknowledgeFromMemory;
        final StoreCredentials credentials;

        private Config(int port, Path dataDir, boolean help, boolean acknowledgeFromMemory,
                       StoreCredentials credentials) {
            this.port = port;
            this.dataDir = dataDir;
            this.help = help;
            this.acknowledgeFromMemory = acknowledgeFromMemory;
            this.credentials = credentials;
        }

        static Config parse(String[] args, Map<String, String> env) {
            String port = blankToNull(env.get("NRM_STORE_PORT"));
            String dataDir = blankToNull(env.get("NRM_DATA_DIR"));
            boolean help = false;
            boolean fromMemory = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    help = true;
                } else if (arg.startsWith("--port=")) {
                    port = arg.substring("--port=".length());
                } else if (arg.equals("--port") && i + 1 < args.length) {
                    port = args[++i];
                } else if (arg.startsWith("--data-dir=")) {
                    dataDir = arg.substring("--data-dir=".length());
                } else if (arg.equals("--data-dir") && i + 1 < args.length) {
                    dataDir = args[++i];
                } else if (arg.equals("--acknowledge-from-memory")) {
                    fromMemory = true;
                } else if (!arg.startsWith("-")) {
                    port = arg;
                } else {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            int portNumber = DEFAULT_PORT;
            if (port != null) {
                try {
                    portNumber = Integer.parseInt(port.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid port: " + port);
                }
                if (portNumber < 1 || portNumber > 65535) {
                    throw new IllegalArgumentException("invalid port: " + port);
                }
            }
            Path dir = Paths.get(dataDir != null ? dataDir : DEFAULT_DATA_DIR).toAbsolutePath().normalize();
            return new Config(portNumber, dir, help, fromMemory,
                    help ? null : StoreCredentials.fromEnvironment(env));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
