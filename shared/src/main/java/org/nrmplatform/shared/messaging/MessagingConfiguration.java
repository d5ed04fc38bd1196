package org.nrmplatform.shared.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Metadata that travels with every command and event. */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class MessagingConfiguration {

    @Bean
    CorrelationDataProvider causalMetadata() {
        return new CausalMetadata();
    }

    @Bean
    RequestMetadata requestMetadata(ObjectProvider<Tracer> tracer) {
        return new RequestMetadata(() -> Optional.ofNullable(tracer.getIfAvailable())
                .map(Tracer::currentSpan).map(Span::context).map(context -> context.traceId()).filter(id -> !id.isBlank()));
    }
}
