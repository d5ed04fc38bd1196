package org.nrmplatform.shared.store;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the platform keeps its data. The MongoDB URI itself is the one property {@code nrm.store.uri}
 * (mapped onto {@code spring.mongodb.uri} in each service's configuration).
 *
 * @param eventDatabase   the database all services share for the event store
 * @param serviceDatabase this service's own database: tokens, sagas and projections
 * @param transactions    whether to run units of work in MongoDB transactions
 * @param trackingLookBack how far behind its newest event a tracking processor re-reads, so that events
 *                        committed after a later one are still delivered
 */
@Validated
@ConfigurationProperties("nrm.store")
public record StoreProperties(
        @DefaultValue("nrm_events") @NotBlank String eventDatabase,
        @NotBlank String serviceDatabase,
        @DefaultValue("AUTO") @NotNull TransactionMode transactions,
        @DefaultValue("5s") @NotNull Duration trackingLookBack) {

    public enum TransactionMode {
        /** Use transactions when the server is a replica set or sharded cluster. */
        AUTO,
        ENABLED,
        DISABLED
    }
}
