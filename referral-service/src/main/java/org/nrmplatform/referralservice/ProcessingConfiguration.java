package org.nrmplatform.referralservice;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;

/**
 * How referral-service follows the shared event stream. Its processors learn of cases, consents and
 * organisations from other services' events, so they look for new events more often than Axon's default
 * (every second). A failing handler holds its processor and is retried (shared {@code EventErrorPolicy}, as in
 * every service): a consent withdrawal or a deadline is never passed over.
 */
@org.springframework.context.annotation.Configuration
@EnableConfigurationProperties(ProcessingConfiguration.ProcessingProperties.class)
class ProcessingConfiguration {

    /** @param fetchDelay how long a processor that reached the end of the stream waits before reading again */
    @Validated
    @ConfigurationProperties("nrm.referral.processing")
    record ProcessingProperties(
            @DefaultValue("200ms") @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 10) Duration fetchDelay) {
    }

    @Bean
    EventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                          ProcessingProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .fetchDelay(properties.fetchDelay().toMillis())
                .build();
    }
}
