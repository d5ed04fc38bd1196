package org.nrmplatform.shared.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.bson.Document;
import org.nrmplatform.embeddedstore.EmbeddedStore;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The stores the benchmark compares, each opened empty for every measurement. */
final class BenchmarkStores {

    private BenchmarkStores() {
    }

    /** An event store as a service uses it: engine, token store and transaction manager. */
    record Opened(EventStorageEngine engine, TokenStore tokens, TransactionManager transactions) {
    }

    interface Store extends AutoCloseable {

        String name();

        Opened open(String label);

        /** Inserts of one event-sized record per round trip and commit, on {@code threads} threads. */
        double rawInsertsPerSecond(int threads, Duration duration) throws Exception;
    }

    /** An event as the benchmark stores it, for the raw insert ceilings. */
    static DomainEventMessage<?> sampleEvent(long number) {
        return new GenericDomainEventMessage<>("BenchmarkTally", UUID.randomUUID().toString(), number,
                new BenchmarkTally.Added("tally", (int) number));
    }

    /**
     * The embedded store in a process of its own, on a file in a temporary directory, as {@code infra/nrm} runs it
     * (and as PostgreSQL runs for (c)): its compiler, collector and pauses are not the benchmark's.
     */
    static final class EmbeddedServer implements AutoCloseable {

        private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

        private final Path directory;
        private final Process server;
        final MongoClient client;
        private final boolean fromMemory;

        EmbeddedServer() throws IOException, InterruptedException {
            this(false);
        }

        /** @param fromMemory run the store acknowledging from memory, as it did before its write-ahead log */
        EmbeddedServer(boolean fromMemory) throws IOException, InterruptedException {
            this.fromMemory = fromMemory;
            directory = Files.createTempDirectory("nrm-benchmark-store");
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Path log = directory.resolve("embedded-store.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", // infra/nrm's defaults for each process
                    "-cp", System.getProperty("java.class.path"), EmbeddedStore.class.getName(),
                    "--port=" + port, "--data-dir=" + directory.resolve("data")));
            if (fromMemory) {
                command.add("--acknowledge-from-memory");
            }
            // with credentials, as infra/nrm runs it: each connection authenticates (SCRAM-SHA-256)
            String password = UUID.randomUUID().toString().replace("-", "");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("NRM_STORE_PASSWORD", password);
            server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.readString(log).contains("listening on")) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    server.destroyForcibly();
                    throw new IllegalStateException("the embedded store did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            ConnectionString address = new ConnectionString("mongodb://nrm:" + password + "@127.0.0.1:" + port);
            // as the services write: journaled ({@link JournaledWrites})
            client = MongoClients.create(JournaledWrites.apply(MongoClientSettings.builder()
                    .applyConnectionString(address)).build());
        }

        double rawInsertsPerSecond(MongoClient client, Serializer serializer, int threads, Duration duration)
                throws Exception {
            MongoCollection<Document> raw = client.getDatabase("raw_" + UUID.randomUUID().toString().substring(0, 8))
                    .getCollection("rawinserts");
            AtomicLong numbers = new AtomicLong();
            return Measure.throughput(threads, duration, () -> {
                long number = numbers.incrementAndGet();
                Document event = EventDocuments.event(sampleEvent(number), serializer);
                EventDocuments.sequence(event, number, Instant.now());
                raw.insertOne(event);
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.destroy(); // the store commits and closes its file on SIGTERM
            try {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * (a): this platform's engine, as the services use it; (d) the same against a store that acknowledges from
     * memory (journaled writes and majority reads answered at once, as before the store's write-ahead log).
     */
    static Store sequenced(EmbeddedServer embedded, Serializer serializer) {
        MongoClient client = embedded.client;
        boolean durable = !embedded.fromMemory;
        String prefix = durable ? "a" : "d";
        return new Store() {
            @Override
            public String name() {
                return durable ? "(a) SequencedMongoEventStorageEngine, embedded store"
                        : "(d) = (a), store acknowledging from memory (as before its write-ahead log)";
            }

            @Override
            public Opened open(String label) {
                SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                        .database(EventDatabase.withoutTransactions(client, prefix + "_events_" + label))
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build();
                engine.ensureSchema();
                return new Opened(engine, mongoTokens(client, serializer, prefix + "_service_" + label),
                        NoTransactionManager.INSTANCE);
            }

            @Override
            public double rawInsertsPerSecond(int threads, Duration duration) throws Exception {
                return embedded.rawInsertsPerSecond(client, serializer, threads, duration);
            }

            @Override
            public void close() {
            }
        };
    }

    /** (b): axon-mongo's engine with its default storage strategy (1 s tracking look-back). */
    static Store stock(EmbeddedServer embedded, Serializer serializer) {
        return new Store() {
            @Override
            public String name() {
                return "(b) stock MongoEventStorageEngine, embedded server";
            }

            @Override
            public Opened open(String label) {
                MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                        .mongoTemplate(DefaultMongoTemplate.builder()
                                .mongoDatabase(embedded.client, "b_events_" + label).build())
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build();
                engine.ensureIndexes();
                return new Opened(engine, mongoTokens(embedded.client, serializer, "b_service_" + label),
                        NoTransactionManager.INSTANCE);
            }

            @Override
            public double rawInsertsPerSecond(int threads, Duration duration) throws Exception {
                return embedded.rawInsertsPerSecond(embedded.client, serializer, threads, duration);
            }

            @Override
            public void close() {
            }
        };
    }

    static TokenStore mongoTokens(MongoClient client, Serializer serializer, String database) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(JournaledWrites.processing(client, database))
                        .build())
                .serializer(serializer)
                .build();
    }

    /** (c): Axon's JDBC engine on PostgreSQL, with Spring's transaction manager as Axon recommends. */
    static Store postgres(String url, String user, Serializer serializer) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setMaximumPoolSize(10);
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        return new Store() {
            @Override
            public String name() {
                return "(c) JdbcEventStorageEngine, PostgreSQL";
            }

            private boolean created;

            /** Empties the tables (the schema is created once: a processor shut down a moment ago may still poll). */
            @Override
            public Opened open(String label) {
                JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build();
                JdbcTokenStore tokens = JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer)
                        .build();
                if (created) {
                    execute("TRUNCATE domainevententry, snapshotevententry, tokenentry RESTART IDENTITY");
                } else {
                    engine.createSchema(PostgresEventTableFactory.INSTANCE);
                    tokens.createSchema(PostgresTokenTableFactory.INSTANCE);
                    created = true;
                }
                return new Opened(engine, tokens, transactions);
            }

            @Override
            public double rawInsertsPerSecond(int threads, Duration duration) throws Exception {
                execute("DROP TABLE IF EXISTS rawinserts");
                execute("CREATE TABLE rawinserts (globalindex BIGSERIAL PRIMARY KEY, aggregateidentifier TEXT, "
                        + "sequencenumber BIGINT, payloadtype TEXT, payload BYTEA, metadata BYTEA)");
                AtomicLong numbers = new AtomicLong();
                return Measure.throughput(threads, duration, () -> {
                    DomainEventMessage<?> event = sampleEvent(numbers.incrementAndGet());
                    SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
                    SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
                    try (Connection connection = dataSource.getConnection();
                         PreparedStatement insert = connection.prepareStatement("INSERT INTO rawinserts "
                                 + "(aggregateidentifier, sequencenumber, payloadtype, payload, metadata) "
                                 + "VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, event.getAggregateIdentifier());
                        insert.setLong(2, event.getSequenceNumber());
                        insert.setString(3, payload.getType().getName());
                        insert.setBytes(4, payload.getData());
                        insert.setBytes(5, metaData.getData());
                        insert.executeUpdate();
                    }
                    return null;
                });
            }

            private void execute(String sql) {
                try (Connection connection = dataSource.getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException(sql, e);
                }
            }

            @Override
            public void close() {
                dataSource.close();
            }
        };
    }

    /** Throughput of an action repeated on several threads for a while. */
    static final class Measure {

        private Measure() {
        }

        static double throughput(int threads, Duration duration, Callable<Void> action) throws Exception {
            long end = System.nanoTime() + duration.toNanos();
            AtomicLong done = new AtomicLong();
            Thread[] workers = new Thread[threads];
            Exception[] failure = new Exception[1];
            long start = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                workers[i] = new Thread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            action.call();
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                });
                workers[i].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            return done.get() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
