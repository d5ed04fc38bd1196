package org.nrmplatform.caseservice.feedback;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The one path of case-service open without a token: the person's feedback link ({@link PublicFeedbackController}),
 * whose token is the credential. Every other path keeps the shared resource-server rules.
 */
@Configuration(proxyBeanMethods = false)
class PublicFeedbackAccess {

    @Bean
    @Order(10)
    SecurityFilterChain openFeedbackLinkPath(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/feedback/*")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
