package org.nrmplatform.shared.store;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;

/** The services' MongoDB client fails fast while the store is unreachable ({@link StoreTimeouts}). */
@AutoConfiguration
@EnableConfigurationProperties(StoreTimeouts.class)
public class StoreConnectionConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts(StoreTimeouts timeouts, MongoConnectionDetails connection) {
        return timeouts.customizer(connection.getConnectionString());
    }
}
