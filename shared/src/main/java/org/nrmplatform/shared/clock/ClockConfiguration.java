package org.nrmplatform.shared.clock;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The one clock of a service: every "now" (deadlines, time stamps, retention, a command's "in the future") is
 * read from it, so that one bean decides what time it is. Aggregates get it as a command handler parameter.
 */
@AutoConfiguration
public class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
