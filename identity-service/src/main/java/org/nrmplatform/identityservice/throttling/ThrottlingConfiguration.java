package org.nrmplatform.identityservice.throttling;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.nrmplatform.throttling.StoredBuckets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The sign-in throttle's buckets (in identity-service's database) and its place ahead of Spring Security. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThrottlingProperties.class)
class ThrottlingConfiguration {

    /** Spring Security's filter chain runs at -100; the throttle before it, after the store-outage filter. */
    static final int ORDER = -110;

    @Bean
    ProxyManager<String> signInBuckets(MongoTemplate mongo, ThrottlingProperties properties) {
        // the servlet side only calls the blocking variant; the executor serves the asynchronous one, unused here
        return new StoredBuckets(mongo.getCollection("rate_limit_buckets"), Runnable::run, properties.idleFor());
    }

    @Bean
    FilterRegistrationBean<SignInThrottle> signInThrottle(ThrottlingProperties properties,
                                                          ProxyManager<String> signInBuckets,
                                                          FailedSignIns failures, MeterRegistry meters) {
        FilterRegistrationBean<SignInThrottle> registration = new FilterRegistrationBean<>(
                new SignInThrottle(properties, signInBuckets, failures, meters));
        registration.setOrder(ORDER);
        return registration;
    }
}
