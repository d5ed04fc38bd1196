package org.nrmplatform.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.store.StreamProbe;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness follows the event processors: a processor whose handler keeps failing (and is retried, as
 * referral-service does) makes the health check DOWN with the error named, and UP again once it recovers.
 */
class ProcessorHealthTest {

    @ProcessingGroup("flaky")
    static class FlakyHandler {
        final AtomicBoolean failing = new AtomicBoolean(true);

        @EventHandler
        void on(String event) {
            if (failing.get()) {
                throw new IllegalStateException("projection store unavailable");
            }
        }
    }

    private final FlakyHandler handler = new FlakyHandler();
    private MongoClient client;
    private Configuration axon;
    private ProcessorHealth health;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor("flaky", c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                        .registerEventHandler(c -> handler)
                        .registerListenerInvocationErrorHandler("flaky", c -> PropagatingErrorHandler.instance()))
                .buildConfiguration();
        axon.start();
        client = MongoClients.create(EmbeddedStore.uri());
        StreamProbe stream = new StreamProbe(client,
                new StoreProperties("nrm_events_health", "nrm_health", StoreProperties.TransactionMode.DISABLED,
                        100, Duration.ofSeconds(1), 100));
        health = new ProcessorHealth(new ProcessorStates(axon.eventProcessingConfiguration(), stream, Duration.ZERO,
                Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        client.close();
    }

    @Test
    void aProcessorInErrorMakesHealthDownUntilItRecovers() {
        await().atMost(Duration.ofSeconds(10)).until(() -> health.health(true).getStatus().equals(Status.UP));

        axon.eventBus().publish(GenericEventMessage.asEventMessage("case opened"));

        await().atMost(Duration.ofSeconds(10)).until(() -> health.health(true).getStatus().equals(Status.DOWN));
        Health down = health.health(true);
        assertThat(down.getDetails().get("flaky").toString()).contains("projection store unavailable");

        handler.failing.set(false);

        await().atMost(Duration.ofSeconds(15)).until(() -> health.health(true).getStatus().equals(Status.UP));
    }
}
