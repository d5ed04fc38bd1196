package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the store answers, and on what kind of server. Replaces Spring Boot's MongoDB health check,
 * whose {@code hello} command the embedded wire-protocol server does not know.
 */
class StoreHealth extends AbstractHealthIndicator {

    private final MongoClient client;
    private final StoreCapabilities capabilities;
    private final StoreProperties properties;

    StoreHealth(MongoClient client, StoreCapabilities capabilities, StoreProperties properties) {
        super("MongoDB store check failed");
        this.client = client;
        this.capabilities = capabilities;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        client.getDatabase(properties.eventDatabase()).runCommand(new Document("ping", 1));
        builder.up()
                .withDetail("server", capabilities.description())
                .withDetail("transactions", capabilities.transactions())
                .withDetail("eventDatabase", properties.eventDatabase())
                .withDetail("serviceDatabase", properties.serviceDatabase());
    }
}
