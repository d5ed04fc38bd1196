package org.nrmplatform.shared.store;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The services' MongoDB client: it fails fast while the store is unreachable ({@link StoreTimeouts}), and a write
 * is acknowledged only once it is in the store's journal ({@link JournaledWrites}).
 */
@AutoConfiguration
@EnableConfigurationProperties(StoreTimeouts.class)
public class StoreConnectionConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts(StoreTimeouts timeouts, MongoConnectionDetails connection) {
        return timeouts.customizer(connection.getConnectionString());
    }

    @Bean
    MongoClientSettingsBuilderCustomizer journaledWrites() {
        return JournaledWrites::apply;
    }

    /** Projection writes inside a tracking batch are acknowledged from memory ({@link JournaledWrites#PROJECTIONS}). */
    @Bean
    static BeanPostProcessor projectionWritesInBatches() {
        return JournaledWrites.PROJECTIONS;
    }
}
