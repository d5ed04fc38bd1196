package org.nrmplatform.identityservice.authorization;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * Counts refused sign-ins as {@code nrm.identity.signin.failures{method, reason}}: a person's password on the
 * sign-in page ({@code method=password}) and an API client's secret at the token endpoint ({@code
 * method=client}). A burst of them is a guessing attack or a misconfigured agency system; the operators' alert
 * watches the rate. Nothing about who tried is in the metric (the log of the sign-in has that).
 */
@Configuration(proxyBeanMethods = false)
class SignInFailures {

    static final String METRIC = "nrm.identity.signin.failures";

    private final MeterRegistry meters;

    SignInFailures(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Spring Security's publisher announces only the failures it has a mapping for; a refused client secret
     * ({@code OAuth2AuthenticationException}) is not among them, so every other failure is announced too.
     */
    @Bean
    static AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        // not a refusal: a manager without a provider for that kind of sign-in, whose child manager has one
        if (failure instanceof AuthenticationFailureProviderNotFoundEvent) {
            return;
        }
        Object attempt = failure.getAuthentication();
        String method = attempt instanceof UsernamePasswordAuthenticationToken ? "password"
                : attempt instanceof OAuth2ClientAuthenticationToken ? "client" : "other";
        Counter.builder(METRIC).tag("method", method)
                .tag("reason", failure.getException().getClass().getSimpleName())
                .description("refused sign-ins: passwords on the sign-in page, client secrets at the token endpoint")
                .register(meters).increment();
    }
}
