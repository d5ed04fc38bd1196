package org.nrmplatform.shared.observability;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.store.StreamProbe;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What every service reports about itself beyond Spring Boot's own metrics: event processors' position, lag
 * and errors (as gauges and in the readiness group), event handler failures, and a log line per command; and
 * the platform's one error policy for event processors ({@link EventErrorPolicy}), registered as the default
 * of every processor and processing group, so that no service configures its own.
 *
 * <p>Ordered after Spring Boot's meter registries and before Axon's Micrometer auto-configuration: Axon's
 * names Spring Boot 3's classes in its ordering, so without this it could run first, find no registry and
 * declare a registry of its own that Prometheus never sees.
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
        beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
public class ObservabilityConfiguration {

    /** Scrapes and health checks within this interval share one measurement. */
    private static final Duration REFRESH = Duration.ofSeconds(2);

    @Bean
    StreamProbe streamProbe(MongoClient client, StoreProperties properties) {
        return new StreamProbe(client, properties);
    }

    @Bean
    ProcessorStates processorStates(EventProcessingConfiguration processing, StreamProbe stream, Clock clock) {
        return new ProcessorStates(processing, stream, REFRESH, clock);
    }

    @Bean
    ProcessorGauges processorGauges(ProcessorStates states, MeterRegistry meters) {
        return new ProcessorGauges(states, meters);
    }

    /** Named so that it reports as {@code eventProcessors} in /actuator/health and its groups. */
    @Bean
    ProcessorHealth eventProcessorsHealthIndicator(ProcessorStates states) {
        return new ProcessorHealth(states);
    }

    @Bean
    CommandLog commandLog() {
        return new CommandLog();
    }

    @Bean
    EventErrorPolicy eventErrorPolicy(MeterRegistry meters) {
        return new EventErrorPolicy(meters);
    }

    @Bean
    ConfigurerModule eventErrorPolicyEverywhere(EventErrorPolicy policy) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> policy)
                .registerDefaultErrorHandler(c -> policy));
    }
}
