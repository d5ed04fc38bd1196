package org.nrmplatform.shared.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.nrmplatform.shared.observability.ProcessorStates.ProcessorState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Gauges per event processor (tag {@code processor}): position, lag in events and in seconds, segments
 * claimed by this instance and segments in error. Registered once the application is ready, when Axon has
 * created its processors. Position and lag are NaN on an instance that claims no segment of the processor.
 */
class ProcessorGauges {

    private final ProcessorStates states;
    private final MeterRegistry meters;

    ProcessorGauges(ProcessorStates states, MeterRegistry meters) {
        this.states = states;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (String name : states.names()) {
            gauge("nrm.processor.position", name, "global index of the last event handled (lowest segment here)",
                    s -> s.position().isPresent() ? s.position().getAsLong() : Double.NaN);
            gauge("nrm.processor.lag.events", name, "events in the store the processor has not handled yet",
                    s -> s.lagEvents().isPresent() ? s.lagEvents().getAsLong() : Double.NaN);
            gauge("nrm.processor.lag.seconds", name, "how long the oldest event not yet handled has waited",
                    ProcessorState::lagSeconds);
            gauge("nrm.processor.segments.claimed", name, "segments of the processor this instance processes",
                    ProcessorState::claimedSegments);
            gauge("nrm.processor.segments.error", name, "segments of the processor in error on this instance",
                    s -> s.errors().size() + (s.processorInError() && s.errors().isEmpty() ? 1 : 0));
            gauge("nrm.processor.running", name, "1 while the processor runs on this instance",
                    s -> s.running() ? 1 : 0);
        }
    }

    private void gauge(String metric, String processor, String description, ToDoubleFunction<ProcessorState> value) {
        Gauge.builder(metric, () -> {
                    ProcessorState state = states.state(processor);
                    return state == null ? Double.NaN : value.applyAsDouble(state);
                })
                .tag("processor", processor).description(description).register(meters);
    }
}
