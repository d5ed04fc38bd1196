package org.nrmplatform.shared.messaging;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
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
    RequestMetadata requestMetadata() {
        return new RequestMetadata();
    }
}
