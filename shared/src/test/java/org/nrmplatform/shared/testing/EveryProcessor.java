package org.nrmplatform.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.nrmplatform.shared.observability.EventErrorPolicy;

/** The check each service runs on its own configuration: every event processor follows the platform's policy. */
public final class EveryProcessor {

    private EveryProcessor() {
    }

    /**
     * Every processor's error handler, and the error handler of every handler it invokes (as built, not only
     * as configured), is {@code policy}; so is each saga's.
     */
    public static void followsThePolicy(EventProcessingConfiguration processing, EventErrorPolicy policy) {
        assertThat(processing.eventProcessors()).as("event processors").isNotEmpty();
        processing.eventProcessors().forEach((name, processor) -> {
            assertThat(processing.errorHandler(name)).as("error handler of %s", name).isSameAs(policy);
            assertThat(processor).isInstanceOf(AbstractEventProcessor.class);
            for (EventHandlerInvoker invoker : flatten(((AbstractEventProcessor) processor).eventHandlerInvoker())) {
                if (invoker instanceof SimpleEventHandlerInvoker simple) {
                    assertThat(simple.getListenerInvocationErrorHandler()).as("handlers' error handler of %s", name)
                            .isSameAs(policy);
                }
            }
        });
        processing.sagaConfigurations().forEach(saga -> assertThat(processing.listenerInvocationErrorHandler(
                saga.processingGroup())).as("saga %s", saga.type()).isSameAs(policy));
    }

    private static List<EventHandlerInvoker> flatten(EventHandlerInvoker invoker) {
        List<EventHandlerInvoker> invokers = new ArrayList<>();
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> invokers.addAll(flatten(delegate)));
        } else {
            invokers.add(invoker);
        }
        return invokers;
    }
}
