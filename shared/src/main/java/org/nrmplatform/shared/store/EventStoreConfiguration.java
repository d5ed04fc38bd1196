package org.nrmplatform.shared.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
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
@EnableConfigurationProperties(StoreProperties.class)
public class EventStoreConfiguration {

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

    /**
     * Events are stored as readable JSON, so that the history can be inspected, canonicalised and
     * hashed; unknown fields are tolerated so that old readers survive new optional fields.
     */
    static Serializer jsonSerializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoClient client, MongoDatabaseFactory factory,
                                          StoreCapabilities capabilities, StoreProperties properties,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer, List<EventUpcaster> upcasters) {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(eventDatabase(client, factory, capabilities, properties.eventDatabase()))
                .batchSize(properties.readBatchSize())
                .gapTimeout(properties.gapTimeout())
                .maxGapOffset(properties.maxGapOffset())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters))
                .build();
        engine.ensureSchema();
        return engine;
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
                : StoreCollections.DEFAULT.plainTemplate(client, database);
    }
}
