package org.nrmplatform.shared.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventProcessingException;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one policy for an event a handler cannot apply: no event is ever skipped.
 *
 * <p>As the handlers' error handler it names the event ({@link UnappliedEvent}) and lets the failure
 * propagate; as the processors' error handler it counts the failure as
 * {@code nrm.event.handler.failures{processor, event}} and rethrows it, so that a streaming processor
 * stops that segment at the event, releases its claim and retries it with Axon's growing back-off (1 s
 * doubling to 60 s), its token never passing the event. The segment stays in error meanwhile, which
 * {@link ProcessorHealth} reports as not ready with the event named, until a retry applies it.
 *
 * <p>Events handed to a subscribing processor in the publisher's unit of work (business metrics only) are
 * counted and logged but do not fail the command that stored them: the event is stored, and refusing the
 * command afterwards would tell the caller otherwise.
 */
public class EventErrorPolicy implements ListenerInvocationErrorHandler, ErrorHandler {

    static final String METRIC = "nrm.event.handler.failures";
    private static final Logger log = LoggerFactory.getLogger(EventErrorPolicy.class);

    private final MeterRegistry meters;

    public EventErrorPolicy(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) {
        throw exception instanceof UnappliedEvent unapplied ? unapplied : UnappliedEvent.of(event, exception);
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        Counter.builder(METRIC).tag("processor", context.eventProcessor())
                .tag("event", error instanceof UnappliedEvent unapplied ? unapplied.eventType() : "none")
                .description("events a processor's handlers failed to apply, per attempt")
                .register(meters).increment();
        boolean streamed = !context.failedEvents().isEmpty()
                && context.failedEvents().stream().allMatch(TrackedEventMessage.class::isInstance);
        if (!streamed) {
            log.error("Processor {} did not apply an event; it keeps no view, so the command stands",
                    context.eventProcessor(), error);
            return;
        }
        // the tracking processor logs the failure and each retry itself
        if (error instanceof Exception exception) {
            throw exception;
        }
        throw new EventProcessingException("Processor " + context.eventProcessor() + " failed", error);
    }
}
