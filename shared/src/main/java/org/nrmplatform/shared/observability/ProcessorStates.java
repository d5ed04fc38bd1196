package org.nrmplatform.shared.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.nrmplatform.shared.store.StreamProbe;

/**
 * Where each of this instance's streaming event processors stands: running or not, segments claimed here
 * and in error, position in the global sequence, and how far behind the head it is in events and in
 * seconds. Figures are computed at most once per {@code refreshInterval}, so that scrapes and health checks
 * cost a few index lookups, not a query per gauge.
 */
public class ProcessorStates {

    /**
     * One processor as this instance sees it. Position and lag exist only while this instance claims at least
     * one segment: the segments another instance claims are that instance's to report.
     *
     * @param position   the lowest position among the segments claimed here
     * @param lagEvents  head of the global sequence minus position
     * @param lagSeconds how long the first event after position has been waiting; 0 when caught up
     * @param errors     the error of each segment in error here, by segment id: the event it is held at and the
     *                   handler's exception ({@link UnappliedEvent#describe})
     */
    public record ProcessorState(String name, boolean running, boolean processorInError, int claimedSegments,
                                Map<Integer, Map<String, Object>> errors, OptionalLong position, OptionalLong lagEvents,
                                double lagSeconds) {

        public boolean inError() {
            return processorInError || !errors.isEmpty();
        }
    }

    private final EventProcessingConfiguration processing;
    private final StreamProbe stream;
    private final Duration refreshInterval;
    private final Clock clock;
    private volatile Instant refreshedAt = Instant.MIN;
    private volatile List<ProcessorState> states = List.of();

    public ProcessorStates(EventProcessingConfiguration processing, StreamProbe stream, Duration refreshInterval,
                           Clock clock) {
        this.processing = processing;
        this.stream = stream;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    /** The streaming processors' names, in the order Axon lists them. */
    public List<String> names() {
        return streamingProcessors().stream().map(StreamingEventProcessor::getName).toList();
    }

    public List<ProcessorState> states() {
        Instant now = clock.instant();
        if (refreshedAt.plus(refreshInterval).isBefore(now)) {
            synchronized (this) {
                if (refreshedAt.plus(refreshInterval).isBefore(now)) {
                    states = measure(now);
                    refreshedAt = now;
                }
            }
        }
        return states;
    }

    public ProcessorState state(String name) {
        return states().stream().filter(state -> state.name().equals(name)).findFirst().orElse(null);
    }

    private Collection<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
    }

    private List<ProcessorState> measure(Instant now) {
        long head = stream.head();
        return streamingProcessors().stream().map(processor -> measure(processor, head, now)).toList();
    }

    private ProcessorState measure(StreamingEventProcessor processor, long head, Instant now) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Map<Integer, Map<String, Object>> errors = new TreeMap<>();
        OptionalLong position = OptionalLong.empty();
        for (Map.Entry<Integer, EventTrackerStatus> segment : segments.entrySet()) {
            EventTrackerStatus status = segment.getValue();
            if (status.isErrorState()) {
                errors.put(segment.getKey(), UnappliedEvent.describe(status.getError()));
            }
            TrackingToken token = status.getTrackingToken();
            long at = token == null ? 0 : token.position().orElse(0);
            position = position.isPresent() && position.getAsLong() <= at ? position : OptionalLong.of(at);
        }
        OptionalLong lagEvents = position.isPresent()
                ? OptionalLong.of(Math.max(head - position.getAsLong(), 0)) : OptionalLong.empty();
        double lagSeconds = Double.NaN;
        if (position.isPresent()) {
            lagSeconds = lagEvents.getAsLong() == 0 ? 0 : stream.firstTimestampAfter(position.getAsLong())
                    .map(stored -> Math.max(Duration.between(stored, now).toMillis(), 0) / 1000.0).orElse(0.0);
        }
        return new ProcessorState(processor.getName(), processor.isRunning(), processor.isError(), segments.size(),
                errors, position, lagEvents, lagSeconds);
    }
}
