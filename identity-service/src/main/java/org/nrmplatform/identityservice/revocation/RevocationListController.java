package org.nrmplatform.identityservice.revocation;

import io.swagger.v3.oas.annotations.Hidden;
import org.nrmplatform.contracts.identity.Revocations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the revocations to the gateway and the services, which read them every second. Like the key set, it is
 * read without a token, on identity-service's own port: the gateway does not route it. It holds token ids, user ids
 * and client ids with instants, nothing that grants access (see docs/architecture.md).
 */
@RestController
@Hidden
class RevocationListController {

    private final RevocationList revocations;

    RevocationListController(RevocationList revocations) {
        this.revocations = revocations;
    }

    @GetMapping(Revocations.PATH)
    Revocations revocations() {
        return revocations.current().orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        @Bean
        @Order(2)
        SecurityFilterChain revocationsReadWithoutToken(HttpSecurity http) throws Exception {
            return http.securityMatcher(Revocations.PATH)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
