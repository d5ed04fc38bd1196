package org.nrmplatform.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.store.StoreProperties;
import org.nrmplatform.shared.store.StreamProbe;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.Progress;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The platform's error policy, configured as every service configures it (defaults of the event processing
 * configuration): an event a projection cannot apply holds its processor at that event, named in the health
 * check, which is DOWN; the events after it wait; once the handler can apply it, everything is applied, in
 * order, none skipped. A failing metrics handler on a subscribing processor is counted and does not fail
 * the publisher.
 */
class EventErrorPolicyTest {

    /** A projection that cannot apply the case named "poison" until it is repaired. */
    @ProcessingGroup("views")
    static class View {
        final AtomicBoolean broken = new AtomicBoolean(true);
        final List<String> applied = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(String caseName) {
            if (broken.get() && caseName.equals("poison")) {
                throw new IllegalArgumentException("Instant exceeds minimum or maximum instant");
            }
            applied.add(caseName);
        }
    }

    @ProcessingGroup("metrics")
    static class Metrics {
        @EventHandler
        void on(Integer figure) {
            throw new IllegalStateException("metric refused");
        }
    }

    private final View view = new View();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MongoClient client;
    private Configuration axon;
    private ProcessorHealth health;

    @BeforeEach
    void start() {
        EventErrorPolicy policy = new EventErrorPolicy(meters);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor("views", c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                        .registerSubscribingEventProcessor("metrics")
                        .registerEventHandler(c -> view)
                        .registerEventHandler(c -> new Metrics())
                        // as ObservabilityConfiguration registers it in every service
                        .registerDefaultListenerInvocationErrorHandler(c -> policy)
                        .registerDefaultErrorHandler(c -> policy))
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
    void anEventAHandlerCannotApplyHoldsTheProcessorNamedInHealthUntilItIsApplied() {
        publish("case-1", "case-2");
        awaitView().until(() -> view.applied.size() == 2);
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

        publish("poison", "case-4", "case-5");

        awaitView().until(() -> health.health(true).getStatus().equals(Status.DOWN));
        @SuppressWarnings("unchecked")
        Map<String, Object> views = (Map<String, Object>) health.health(true).getDetails().get("views");
        assertThat(views.get("errors")).isEqualTo(Map.of(0, Map.of("event", "String", "globalIndex", 2L,
                "aggregate", "Case poison", "sequence", 0L,
                "error", "IllegalArgumentException: Instant exceeds minimum or maximum instant")));
        // the first retry comes 1 s after the failure, the next 2 s after that: held through both
        awaitView().until(() -> meters.counter(EventErrorPolicy.METRIC, "processor", "views", "event", "String")
                .count() >= 3);
        assertThat(view.applied).as("nothing after the held event").containsExactly("case-1", "case-2");
        assertThat(position()).as("the token stays before the held event").hasValue(1);
        assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);

        view.broken.set(false);

        awaitView().until(() -> health.health(true).getStatus().equals(Status.UP));
        awaitView().until(() -> view.applied.size() == 5);
        assertThat(view.applied).containsExactly("case-1", "case-2", "poison", "case-4", "case-5");
        assertThat(position()).hasValue(4);
    }

    @Test
    void aFailingMetricsHandlerIsCountedAndDoesNotFailThePublisher() {
        assertThatCode(() -> axon.eventBus().publish(new GenericDomainEventMessage<>("Case", "c", 0, 7)))
                .doesNotThrowAnyException();
        assertThat(meters.counter(EventErrorPolicy.METRIC, "processor", "metrics", "event", "Integer").count())
                .isEqualTo(1);
    }

    private void publish(String... cases) {
        for (String name : cases) {
            axon.eventBus().publish(new GenericDomainEventMessage<>("Case", name, 0, name));
        }
    }

    private OptionalLong position() {
        return processor().processingStatus().get(0).getTrackingToken().position();
    }

    private StreamingEventProcessor processor() {
        return axon.eventProcessingConfiguration().eventProcessor("views", StreamingEventProcessor.class)
                .orElseThrow();
    }

    /** Waits while the processor moves or retries (each retry counts a failure). */
    private org.awaitility.core.ConditionFactory awaitView() {
        return Progress.awaitWhileMoving("the views processor", () -> List.of(String.valueOf(
                processor().processingStatus().values().stream().map(s -> s.getTrackingToken()).toList()),
                meters.counter(EventErrorPolicy.METRIC, "processor", "views", "event", "String").count()));
    }
}
