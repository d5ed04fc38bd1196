package org.nrmplatform.shared.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nrmplatform.shared.observability.ProcessorStates.ProcessorState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The event processors' state, part of the readiness group: an instance whose processor is in error (a
 * handler keeps failing and the segment is being retried) serves stale or incomplete views, so it reports
 * itself not ready until the processor recovers. Each segment in error names the event it is held at (type,
 * global index, aggregate and sequence) and the handler's exception ({@link EventErrorPolicy}). A processor that simply has no segment claimed here (another
 * instance holds them) is fine.
 */
class ProcessorHealth extends AbstractHealthIndicator {

    private final ProcessorStates states;

    ProcessorHealth(ProcessorStates states) {
        super("Event processor check failed");
        this.states = states;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean inError = false;
        for (ProcessorState state : states.states()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", state.running());
            detail.put("claimedSegments", state.claimedSegments());
            state.position().ifPresent(position -> detail.put("position", position));
            state.lagEvents().ifPresent(lag -> detail.put("lagEvents", lag));
            if (state.inError()) {
                detail.put("errors", state.errors().isEmpty() ? Map.of("processor", "in error") : state.errors());
                inError = true;
            }
            builder.withDetail(state.name(), detail);
        }
        if (inError) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
