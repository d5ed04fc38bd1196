package org.nrmplatform.caseservice.projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.nrmplatform.caseservice.projections.ProjectionStatus.CompletedRebuild;
import org.nrmplatform.caseservice.projections.ProjectionStatus.RebuildProgress;
import org.nrmplatform.caseservice.projections.ProjectionStatus.State;
import org.nrmplatform.shared.observability.EventErrorPolicy;
import org.nrmplatform.shared.observability.UnappliedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rebuilds a projection while the current version keeps answering.
 *
 * <p>A rebuild runs a tracking processor of its own ({@code <name>-rebuild-v<N>}) from the tail of the
 * store, with a fresh handler bound to version N's collection; the live processor meanwhile keeps writing
 * the current version. Each collection has exactly one writer at any time. Once the rebuild has caught up
 * with the head, the switch-over stops the live processor and the rebuild processor, gives the live
 * processor the rebuild's token, makes N current, and starts the live processor again: it continues
 * writing N exactly where the rebuild stopped, so nothing is applied twice or skipped. Commands are not
 * held during the switch (it takes milliseconds); their events wait in the store and the live processor
 * handles them once it restarts. The old version's collection is then dropped.
 *
 * <p>A rebuild follows the platform's error policy ({@link EventErrorPolicy}): an event its handler cannot
 * apply holds it at that event, retried with back-off, and its status and health say so ({@code HELD}, the
 * event named) until a retry applies it; it never switches over while held.
 */
@Component
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final int REBUILD_BATCH_SIZE = 500;

    private final Map<String, RebuildableProjection> rebuildable;
    private final ProjectionVersions versions;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final MongoTemplate mongo;
    private final MeterRegistry meters;
    private final EventErrorPolicy errorPolicy;
    private final Clock clock;
    private final Map<String, Rebuild> running = new ConcurrentHashMap<>();
    private final Map<String, CompletedRebuild> completed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "projection-rebuild-watcher");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A running rebuild: the processor building {@code version}; {@code startHead} is the store's head when it
     * started, the least it will process, so that progress never shows fewer events to go than there were.
     */
    private record Rebuild(RebuildableProjection projection, int version, Instant startedAt, long startHead,
                           TrackingEventProcessor processor) {
    }

    ProjectionRebuilds(List<RebuildableProjection> projections, ProjectionVersions versions,
                       EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                       TransactionManager transactions, MongoTemplate mongo, MeterRegistry meters,
                       EventErrorPolicy errorPolicy, Clock clock) {
        this.clock = clock;
        this.rebuildable = projections.stream()
                .collect(Collectors.toMap(RebuildableProjection::name, Function.identity()));
        this.versions = versions;
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.mongo = mongo;
        this.meters = meters;
        this.errorPolicy = errorPolicy;
    }

    /**
     * Registers the gauges and resumes a rebuild that a restart interrupted (its token is in the store); before
     * anything else starts one ({@link SealingMigration}).
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void ready() {
        for (String name : processorNames()) {
            Gauge.builder("nrm.projection.lag.events", () -> orNaN(lag(name))).tag("projection", name)
                    .description("events in the store the projection's live processor has not handled")
                    .register(meters);
            Gauge.builder("nrm.projection.rebuild.processed", () -> progress(name)
                            .map(p -> (double) p.processed()).orElse(0.0)).tag("projection", name)
                    .description("position of the running rebuild in the global event sequence").register(meters);
            Gauge.builder("nrm.projection.rebuild.total", () -> progress(name)
                            .map(p -> (double) p.total()).orElse(0.0)).tag("projection", name)
                    .description("head of the event store the running rebuild is heading for").register(meters);
        }
        for (RebuildableProjection projection : rebuildable.values()) {
            ProjectionVersion version = versions.find(projection.name());
            if (version.isRebuilding()) {
                log.info("Resuming the rebuild of {} v{}", projection.name(), version.rebuilding());
                start(projection, version.rebuilding(), version.rebuildStartedAt());
            }
        }
        watcher.scheduleWithFixedDelay(this::watch, 100, 100, TimeUnit.MILLISECONDS);
    }

    public List<ProjectionStatus> statuses() {
        return processorNames().stream().map(this::status).toList();
    }

    /** Starts building the next version of {@code name}; 404 for an unknown name, 409 if it cannot start. */
    public synchronized ProjectionStatus rebuild(String name) {
        RebuildableProjection projection = rebuildable.get(name);
        if (projection == null) {
            if (processorNames().contains(name)) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Projection " + name
                        + " cannot be rebuilt while serving; it can only be reset");
            }
            // names every projection: an operator using a retired name (case-views) learns the current ones
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No projection " + name
                    + "; the projections are " + String.join(", ", processorNames()));
        }
        if (running.containsKey(name)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A rebuild of " + name + " is running already");
        }
        int next = versions.find(name).current() + 1;
        // leftovers of an earlier attempt at the same version, should there be any
        drop(projection.collection().ofVersion(next));
        Instant now = clock.instant();
        versions.rebuildStarted(name, next, now);
        start(projection, next, now);
        return status(name);
    }

    private void start(RebuildableProjection projection, int version, Instant startedAt) {
        String collection = projection.collection().ofVersion(version);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(rebuildProcessorName(projection.name(), version))
                // the platform's policy: held at an event it cannot apply, never leaving a hole in the new version
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection.handlerFor(collection))
                        .listenerInvocationErrorHandler(errorPolicy).build())
                .errorHandler(errorPolicy)
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(REBUILD_BATCH_SIZE)
                        // short polls at the head: it notices sooner that it caught up, and stops sooner
                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        running.put(projection.name(), new Rebuild(projection, version, startedAt, head(), processor));
        processor.start();
    }

    /** Records progress and switches over the rebuilds that have caught up. */
    private void watch() {
        for (Rebuild rebuild : running.values()) {
            try {
                String name = rebuild.projection().name();
                long head = Math.max(head(), rebuild.startHead());
                EventTrackerStatus status = rebuild.processor().processingStatus().get(0);
                long processed = status == null ? 0 : position(status).orElse(0);
                versions.progress(name, processed, head);
                // caught up: the reader found nothing more (also when the last numbers were abandoned); never
                // while held at an event, which the new version would otherwise lack
                if (status != null && !status.isErrorState() && (processed >= head || status.isCaughtUp())) {
                    switchOver(rebuild, processed);
                }
            } catch (RuntimeException failure) {
                log.warn("Watching the rebuild of {} failed; trying again", rebuild.projection().name(), failure);
            }
        }
    }

    private synchronized void switchOver(Rebuild rebuild, long processed) {
        String name = rebuild.projection().name();
        String rebuildName = rebuild.processor().getName();
        StreamingEventProcessor live = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow();
        int previous = versions.find(name).current();
        // both at once: each stop waits for its worker's poll of the store to return (up to a second)
        CompletableFuture<Void> liveStopped = live.shutdownAsync();
        try {
            rebuild.processor().shutdownAsync().join();
            liveStopped.join();
            transactions.executeInTransaction(() -> {
                TrackingToken caughtUp = tokenStore.fetchToken(rebuildName, 0);
                tokenStore.storeToken(caughtUp, name, 0);
                tokenStore.deleteToken(rebuildName, 0);
            });
            versions.switchedTo(name, rebuild.version());
        } finally {
            live.start();
        }
        Instant now = clock.instant();
        // recorded before the rebuild leaves the running ones: a status read in between showed it neither
        // running nor completed
        completed.put(name, new CompletedRebuild(rebuild.version(), rebuild.startedAt(), now, processed,
                Duration.between(rebuild.startedAt(), now).toMillis()));
        running.remove(name);
        drop(rebuild.projection().collection().ofVersion(previous));
        log.info("Projection {} switched to v{} after {} events", name, rebuild.version(), processed);
    }

    private ProjectionStatus status(String name) {
        RebuildableProjection projection = rebuildable.get(name);
        boolean canRebuild = projection != null;
        Integer current = canRebuild ? versions.find(name).current() : null;
        String collection = canRebuild ? projection.collection().ofVersion(current) : null;
        Optional<RebuildProgress> progress = progress(name);
        OptionalLong position = livePosition(name);
        OptionalLong lag = lag(name);
        List<Map<String, Object>> held = held(name);
        State state = !held.isEmpty() ? State.HELD : progress.isPresent() ? State.REBUILDING : State.LIVE;
        return new ProjectionStatus(name, canRebuild, current, collection, state,
                position.isPresent() ? position.getAsLong() : null, lag.isPresent() ? lag.getAsLong() : null,
                progress.orElse(null), completed.get(name), held);
    }

    /**
     * The events that hold the projection's live processor or its running rebuild, each with the processor,
     * the event and the handler's exception; empty when nothing holds it.
     */
    private List<Map<String, Object>> held(String name) {
        List<StreamingEventProcessor> processors = new ArrayList<>();
        processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processors::add);
        Rebuild rebuild = running.get(name);
        if (rebuild != null) {
            processors.add(rebuild.processor());
        }
        return processors.stream().flatMap(processor -> processor.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState).map(status -> {
                    Map<String, Object> held = new LinkedHashMap<>();
                    held.put("processor", processor.getName());
                    held.putAll(UnappliedEvent.describe(status.getError()));
                    return held;
                })).toList();
    }

    /** The running rebuilds, each with its position and what holds it, for the health check. */
    Map<String, Map<String, Object>> runningRebuilds() {
        Map<String, Map<String, Object>> rebuilds = new TreeMap<>();
        for (String name : running.keySet()) {
            ProjectionStatus status = status(name);
            Map<String, Object> detail = new LinkedHashMap<>();
            if (status.rebuild() != null) {
                detail.put("version", status.rebuild().version());
                detail.put("processed", status.rebuild().processed());
                detail.put("total", status.rebuild().total());
            }
            List<Map<String, Object>> held = status.heldAt().stream()
                    .filter(h -> !name.equals(h.get("processor"))).toList();
            if (!held.isEmpty()) {
                detail.put("heldAt", held);
            }
            rebuilds.put(name, detail);
        }
        return rebuilds;
    }

    private Optional<RebuildProgress> progress(String name) {
        Rebuild rebuild = running.get(name);
        if (rebuild == null) {
            return Optional.empty();
        }
        EventTrackerStatus status = rebuild.processor().processingStatus().get(0);
        long processed = status == null ? 0 : position(status).orElse(0);
        long total = Math.max(Math.max(head(), rebuild.startHead()), processed);
        return Optional.of(RebuildProgress.of(rebuild.version(), rebuild.startedAt(), processed, total,
                clock.instant()));
    }

    private OptionalLong livePosition(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .flatMap(processor -> processor.processingStatus().values().stream()
                        .map(ProjectionRebuilds::position).filter(OptionalLong::isPresent)
                        .map(OptionalLong::getAsLong).min(Comparator.naturalOrder()))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private OptionalLong lag(String name) {
        OptionalLong position = livePosition(name);
        return position.isPresent() ? OptionalLong.of(Math.max(head() - position.getAsLong(), 0)) : OptionalLong.empty();
    }

    private static OptionalLong position(EventTrackerStatus status) {
        TrackingToken token = status.getTrackingToken();
        return token == null ? OptionalLong.empty() : token.position();
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** Only if it exists: the embedded server answers dropping a missing collection with an error. */
    private void drop(String collection) {
        if (mongo.collectionExists(collection)) {
            mongo.dropCollection(collection);
        }
    }

    /**
     * The projections' processors; not processors that only act on events (subject-key-destruction destroys
     * keys and keeps nothing to rebuild).
     */
    private List<String> processorNames() {
        return processing.eventProcessors().keySet().stream().filter(rebuildable::containsKey).sorted().toList();
    }

    private static double orNaN(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : Double.NaN;
    }

    static String rebuildProcessorName(String name, int version) {
        return name + "-rebuild-v" + version;
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
        running.values().forEach(rebuild -> rebuild.processor().shutDown());
    }
}
