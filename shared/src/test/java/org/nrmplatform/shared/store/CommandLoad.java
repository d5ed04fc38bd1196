package org.nrmplatform.shared.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.Serializer;

/**
 * Commands through a real Axon configuration (command bus, event-sourced aggregate, embedded event store,
 * tracking processor), measuring commands per second and how long after a command completes the
 * projection sees its event. Each client thread opens an aggregate and counts it up nine times, so
 * aggregates stay ten events long, like a case.
 */
final class CommandLoad {

    record Result(double commandsPerSecond, Percentiles lag) {
    }

    record Percentiles(double medianMillis, double p99Millis) {

        static Percentiles of(List<Long> nanos) {
            if (nanos.isEmpty()) {
                return new Percentiles(Double.NaN, Double.NaN);
            }
            List<Long> sorted = nanos.stream().sorted().toList();
            return new Percentiles(sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6);
        }
    }

    /** Notes when it sees each event, by aggregate and sequence number. */
    @ProcessingGroup("projection")
    static final class LagProjection {

        final Map<String, Long> seenAt = new ConcurrentHashMap<>();

        @EventHandler
        void on(Object payload, DomainEventMessage<?> event) {
            seenAt.putIfAbsent(key(event.getAggregateIdentifier(), event.getSequenceNumber()), System.nanoTime());
        }
    }

    /** Events a projection handles per transaction and token update, as throughput-minded services set it. */
    static final int PROCESSOR_BATCH = 100;

    private CommandLoad() {
    }

    private static String key(String aggregateId, long sequence) {
        return aggregateId + "/" + sequence;
    }

    static Result run(BenchmarkStores.Opened store, Serializer serializer, int threads, Duration warmUp,
                      Duration measured) throws InterruptedException {
        LagProjection projection = new LagProjection();
        Configuration axon = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> store.engine())
                .configureTransactionManager(c -> store.transactions())
                .configureAggregate(BenchmarkTally.class)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor("projection", Configuration::eventStore,
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(PROCESSOR_BATCH))
                        .registerEventHandler(c -> projection)
                        .registerTokenStore("projection", c -> store.tokens()))
                .buildConfiguration();
        axon.start();
        try {
            CommandGateway commands = axon.commandGateway();
            long measureFrom = System.nanoTime() + warmUp.toNanos();
            long measureUntil = measureFrom + measured.toNanos();
            Map<String, Long> completedAt = new ConcurrentHashMap<>();
            AtomicLong completed = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread client = new Thread(() -> {
                    while (System.nanoTime() < measureUntil) {
                        String id = UUID.randomUUID().toString();
                        for (int sequence = 0; sequence < 10; sequence++) {
                            commands.sendAndWait(sequence == 0
                                    ? new BenchmarkTally.Open(id) : new BenchmarkTally.Add(id));
                            long now = System.nanoTime();
                            if (now >= measureFrom && now < measureUntil) {
                                completed.incrementAndGet();
                                completedAt.put(key(id, sequence), now);
                            }
                        }
                    }
                }, "benchmark-client-" + i);
                clients.add(client);
                client.start();
            }
            for (Thread client : clients) {
                client.join();
            }
            long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!projection.seenAt.keySet().containsAll(completedAt.keySet()) && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            List<Long> lags = new ArrayList<>();
            completedAt.forEach((key, at) -> {
                Long seen = projection.seenAt.get(key);
                lags.add(seen == null ? Duration.ofSeconds(60).toNanos() : Math.max(0, seen - at));
            });
            return new Result(completed.get() / (measured.toNanos() / 1e9), Percentiles.of(lags));
        } finally {
            axon.shutdown();
        }
    }
}
