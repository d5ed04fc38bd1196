package org.nrmplatform.shared.store;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.nrmplatform.shared.testing.Progress;

/**
 * Axon tracking processors over a storage engine, wired as a service wires them (an embedded event store
 * whose producer the processors share), each recording what it receives.
 */
final class TrackingProcessors implements AutoCloseable {

    /** What one processor received, in the order it received it. */
    record Received(String eventIdentifier, Instant at) {
    }

    record Recording(TrackingEventProcessor processor, List<Received> received) {

        List<String> eventIdentifiers() {
            return received.stream().map(Received::eventIdentifier).toList();
        }

        TrackingToken token() {
            return processor.processingStatus().get(0).getTrackingToken();
        }

        /** Waits while the processor keeps receiving events or moving its token. */
        ConditionFactory awaitWhileMoving() {
            return Progress.awaitWhileMoving("processor " + processor.getName(), () -> received.size() + " "
                    + processor.processingStatus().values().stream().map(s -> s.getTrackingToken()).toList());
        }
    }

    private final EmbeddedEventStore eventStore;
    private final List<TrackingEventProcessor> started = new ArrayList<>();

    TrackingProcessors(EventStorageEngine engine) {
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(20).build();
    }

    EmbeddedEventStore eventStore() {
        return eventStore;
    }

    Recording start(String name) {
        List<Received> received = new CopyOnWriteArrayList<>();
        EventMessageHandler handler = (EventMessage<?> event) -> {
            received.add(new Received(event.getIdentifier(), Instant.now()));
            return null;
        };
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andEventAvailabilityTimeout(50, MILLISECONDS))
                .build();
        processor.start();
        started.add(processor);
        return new Recording(processor, received);
    }

    @Override
    public void close() {
        started.forEach(TrackingEventProcessor::shutDown);
        eventStore.shutDown();
    }
}
