package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.nrmplatform.evidence.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.MongoTransactionManager;

/**
 * Axon's storage on MongoDB, declared as plain beans: the extension's Spring Boot starter turns on
 * client sessions unconditionally, which a server without transactions (the embedded default) rejects.
 *
 * <p>All services append to and track one shared event database through
 * {@link SequencedMongoEventStorageEngine}; tokens and sagas live in the service's own database, beside its
 * projections, in Axon's Mongo token and saga stores. Transactions are used where the server has them.
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
        "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
        "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration"},
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@EnableConfigurationProperties({StoreProperties.class, EvidenceProperties.class})
public class EventStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventStoreConfiguration.class);

    @Bean
    StoreCapabilities storeCapabilities(MongoClient client, StoreProperties properties) {
        return StoreCapabilities.probe(client, properties.transactions());
    }

    /** Named so that it replaces Spring Boot's MongoDB health indicator. */
    @Bean
    StoreHealth mongoHealthIndicator(MongoClient client, StoreCapabilities capabilities, StoreProperties properties) {
        return new StoreHealth(client, capabilities, properties);
    }

    @Bean
    TransactionManager axonTransactionManager(StoreCapabilities capabilities, MongoDatabaseFactory factory) {
        if (!capabilities.transactions()) {
            return NoTransactionManager.INSTANCE;
        }
        MongoTransactionManager mongoTransactions = new MongoTransactionManager(factory);
        mongoTransactions.afterPropertiesSet();
        return new SpringTransactionManager(mongoTransactions);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jsonSerializer();
    }

    /** Events are stored as readable JSON ({@link EventJson}). */
    static Serializer jsonSerializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();
    }

    /** Events stored under a holder's former name (decision 31). */
    @Bean
    RenamedHolders renamedHolders() {
        return new RenamedHolders();
    }

    /** Events stored before event types carried a revision (README, "Upgrading"). */
    @Bean
    FirstRevision firstRevision() {
        return new FirstRevision();
    }

    /**
     * The upcasters in the order they apply (each one's {@link org.springframework.core.Ordered order}, the
     * per-type upcasters of later changes last, README "Upgrading"), as one of Axon's chains.
     */
    public static EventUpcasterChain upcasterChain(List<? extends EventUpcaster> upcasters) {
        List<EventUpcaster> ordered = new ArrayList<>(upcasters);
        AnnotationAwareOrderComparator.sort(ordered);
        return new EventUpcasterChain(ordered);
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoClient client, MongoDatabaseFactory factory,
                                          StoreCapabilities capabilities, StoreProperties properties,
                                          EvidenceProperties evidence,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer, List<EventUpcaster> upcasters) {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(eventDatabase(client, factory, capabilities, properties.eventDatabase()))
                .batchSize(properties.readBatchSize())
                .gapTimeout(properties.gapTimeout())
                .maxGapOffset(properties.maxGapOffset())
                .hashChain(evidence.hashChain())
                .streamHeadCacheSize(evidence.streamHeadCacheSize())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(upcasterChain(upcasters))
                .build();
        engine.ensureSchema();
        return engine;
    }

    @Bean
    EventEvidence eventEvidence(MongoClient client, MongoDatabaseFactory factory, StoreCapabilities capabilities,
                                StoreProperties properties, EvidenceProperties evidence) throws IOException {
        return new EventEvidence(eventDatabase(client, factory, capabilities, properties.eventDatabase()),
                properties.readBatchSize(), signingKey(evidence.checkpoints()));
    }

    @Bean
    @ConditionalOnProperty(name = "nrm.evidence.checkpoints.enabled", havingValue = "true")
    CheckpointWriter checkpointWriter(MongoClient client, MongoDatabaseFactory factory,
                                      StoreCapabilities capabilities, StoreProperties properties,
                                      EvidenceProperties evidence, EventEvidence events, Clock clock) {
        SigningKey key = events.signingKey().filter(found -> found.privateKey() != null)
                .orElseThrow(() -> new IllegalStateException("nrm.evidence.checkpoints.enabled needs "
                        + "nrm.evidence.checkpoints.signing-key-file: a PEM file with the Ed25519 private key"));
        return new CheckpointWriter(eventDatabase(client, factory, capabilities, properties.eventDatabase()), key,
                evidence.checkpoints(), clock);
    }

    /** The checkpoint key from its file, created there first where that is allowed; null where none is set. */
    static SigningKey signingKey(EvidenceProperties.Checkpoints settings) throws IOException {
        if (settings.signingKeyFile() == null || settings.signingKeyFile().isBlank()) {
            return null;
        }
        Path file = Path.of(settings.signingKeyFile());
        if (!Files.exists(file) && settings.createKeyIfMissing()) {
            SigningKey created = SigningKey.generate();
            created.write(file);
            log.warn("Created checkpoint signing key {} in {}: keep this file safe and outside the event store; "
                    + "its public key is served at GET /api/audit/public-key", created.keyId(), file.toAbsolutePath());
        }
        try {
            return SigningKey.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("nrm.evidence.checkpoints.signing-key-file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    static EventDatabase eventDatabase(MongoClient client, MongoDatabaseFactory factory,
                                       StoreCapabilities capabilities, String name) {
        return capabilities.transactions()
                ? EventDatabase.sessionBound(client, factory, name)
                : EventDatabase.withoutTransactions(client, name);
    }

    @Bean
    TokenStore tokenStore(MongoClient client, MongoDatabaseFactory factory, StoreCapabilities capabilities,
                          StoreProperties properties, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(template(client, factory, capabilities, properties.serviceDatabase()))
                .serializer(serializer)
                .build();
    }

    @Bean
    SagaStore<Object> sagaStore(MongoClient client, MongoDatabaseFactory factory, StoreCapabilities capabilities,
                                StoreProperties properties, Serializer serializer) {
        return MongoSagaStore.builder()
                .mongoTemplate(template(client, factory, capabilities, properties.serviceDatabase()))
                .serializer(serializer)
                .build();
    }

    private static MongoTemplate template(MongoClient client, MongoDatabaseFactory factory,
                                          StoreCapabilities capabilities, String database) {
        return capabilities.transactions()
                ? new SessionBoundMongoTemplate(factory, database, StoreCollections.DEFAULT)
                : StoreCollections.DEFAULT.plainTemplate(JournaledWrites.processing(client, database));
    }
}
