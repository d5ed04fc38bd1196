package org.nrmplatform.shared.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts every exception an event handler of a projection, process or saga throws, as
 * {@code nrm.event.handler.failures{group, event}}, before the processor's error handler decides whether to
 * log and skip (Axon's default) or retry (referral-service): a failure that is only logged would otherwise
 * leave no trace in the metrics. Aggregates' event sourcing handlers are not wrapped.
 */
class HandlerFailures implements HandlerEnhancerDefinition {

    static final String METRIC = "nrm.event.handler.failures";

    private final ObjectProvider<MeterRegistry> meters;

    HandlerFailures(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        Class<?> handler = original.declaringClass();
        if (!original.canHandleMessageType(EventMessage.class)
                || AnnotationUtils.isAnnotationPresent(handler, AggregateRoot.class)) {
            return original;
        }
        String group = processingGroup(handler, original.hasAnnotation(SagaEventHandler.class));
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                try {
                    return super.handle(message, target);
                } catch (Exception | Error failure) {
                    MeterRegistry registry = meters.getIfAvailable();
                    if (registry != null) {
                        Counter.builder(METRIC).tag("group", group)
                                .tag("event", message.getPayloadType().getSimpleName())
                                .description("exceptions thrown by event handlers, per processing group and event")
                                .register(registry).increment();
                    }
                    throw failure;
                }
            }
        };
    }

    /** Axon's rule: the {@link ProcessingGroup} annotation, else the package (a saga: its name + Processor). */
    private static String processingGroup(Class<?> handler, boolean saga) {
        return AnnotationUtils.findAnnotationAttributes(handler, ProcessingGroup.class)
                .map(attributes -> (String) attributes.get("processingGroup"))
                .orElseGet(() -> saga ? handler.getSimpleName() + "Processor" : handler.getPackage().getName());
    }
}
