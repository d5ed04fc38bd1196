package org.nrmplatform.shared.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the platform keeps its data, and how processors read the event store. The MongoDB URI itself is the
 * one property {@code nrm.store.uri} (mapped onto {@code spring.mongodb.uri} in each service's configuration).
 *
 * @param eventDatabase   the database all services share for the event store
 * @param serviceDatabase this service's own database: tokens, sagas and projections
 * @param transactions    whether to run units of work in MongoDB transactions
 * @param readBatchSize   how many events a read fetches per round trip (1 to 10,000)
 * @param gapTimeout      how long processors wait for an event whose global sequence number was taken but
 *                        that is not stored yet, counted from when a later number was taken; then they move on
 *                        and would still receive it, out of order, should it commit later. Appends that fail
 *                        release their numbers at once, so this only matters for a writer that died between
 *                        taking its number and inserting. At least as long as MongoDB's transaction lifetime
 *                        limit (60 s by default), after which no transaction can still commit.
 * @param maxGapOffset    how far behind its newest event a processor's token keeps numbers it moved past,
 *                        which bounds the token's size
 */
@Validated
@ConfigurationProperties("nrm.store")
public record StoreProperties(
        @DefaultValue("nrm_events") @NotBlank String eventDatabase,
        @NotBlank String serviceDatabase,
        @DefaultValue("AUTO") @NotNull TransactionMode transactions,
        @DefaultValue("1000") @Min(1) @Max(10_000) int readBatchSize,
        @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration gapTimeout,
        @DefaultValue("10000") @Min(1) int maxGapOffset) {

    public enum TransactionMode {
        /** Use transactions when the server is a replica set or sharded cluster. */
        AUTO,
        ENABLED,
        DISABLED
    }
}
