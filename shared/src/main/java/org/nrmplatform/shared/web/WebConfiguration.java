package org.nrmplatform.shared.web;

import java.time.Clock;
import java.time.Duration;
import org.apache.catalina.Host;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP conventions every service shares: correlation ids, size limits, how bodies are read, the times
 * a request may carry, and problem responses (from the controllers and from Tomcat itself).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebConfiguration.HttpProperties.class)
@Import(ProblemResponses.class)
public class WebConfiguration implements WebMvcConfigurer {

    /**
     * @param maxRequestSize the largest request body a service accepts
     * @param clockSkew      how far ahead of this server's clock a caller's "now" may run: an instant that
     *                       happened ({@link PlausibleTime}) may lie this much in the future
     */
    @ConfigurationProperties("nrm.http")
    @Validated
    public record HttpProperties(@DefaultValue("256KB") DataSize maxRequestSize,
                                 @DefaultValue("5m") @DurationMin(seconds = 0) @DurationMax(hours = 1)
                                 Duration clockSkew) {
    }

    @Bean
    FilterRegistrationBean<CorrelationId> correlationIdFilter() {
        FilterRegistrationBean<CorrelationId> registration = new FilterRegistrationBean<>(new CorrelationId());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimitFilter(HttpProperties properties) {
        FilterRegistrationBean<RequestSizeLimit> registration =
                new FilterRegistrationBean<>(new RequestSizeLimit(properties.maxRequestSize()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Around the security filters and the authorization server's endpoints, which read the store too. */
    @Bean
    FilterRegistrationBean<StoreOutage> storeOutageFilter() {
        FilterRegistrationBean<StoreOutage> registration = new FilterRegistrationBean<>(new StoreOutage());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    JsonMapperBuilderCustomizer strictJsonInput() {
        return JsonInput::strict;
    }

    @Bean
    TimeRange timeRange(HttpProperties properties, Clock clock) {
        return new TimeRange(clock, properties.clockSkew());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConcreteContentType());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrors {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
            return new ProblemErrorReportInstaller();
        }
    }

    /** Runs last, so that it replaces the error report Boot's own customizer installs. */
    static final class ProblemErrorReportInstaller
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> ProblemErrorReport.install((Host) context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
