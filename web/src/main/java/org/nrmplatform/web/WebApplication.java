package org.nrmplatform.web;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The web application for the people who work the cases (docs/architecture.md, "The web application"). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }

    /** The one clock the pages read the time from (tests may put another in its place). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
