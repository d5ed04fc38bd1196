package org.nrmplatform.web.signin;

import org.nrmplatform.web.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * How people sign in and which pages each role reaches. Sign-in is identity-service's authorization code flow
 * with PKCE ({@value #REGISTRATION}, a confidential client); the tokens stay in this application's session,
 * the browser gets only the session cookie (SessionStore). Every form carries a CSRF token (Spring Security's
 * default, inserted by Thymeleaf into each {@code th:action} form); sign-out is a POST that ends the session.
 * A role's pages answer 403 to other roles; the API checks every call again with the person's own token.
 */
@Configuration(proxyBeanMethods = false)
class SignIn {

    static final String REGISTRATION = "nrm";

    @Bean
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations,
                              AccessTokenPerson person) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return http
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/signed-out", "/webjars/**", "/css/**", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the person's feedback link (decision 45): the token in the path is its credential
                        .requestMatchers("/feedback/*").permitAll()
                        .requestMatchers("/screening", "/screening/**").hasRole(Roles.FIRST_LINE)
                        .requestMatchers("/worklist", "/worklist/**", "/cases/**").hasRole(Roles.CASE_MANAGER)
                        // the professionals who open cases register situations and their persons
                        .requestMatchers("/emergencies", "/emergencies/**").hasAnyRole(Roles.FIRST_LINE,
                                Roles.CASE_MANAGER)
                        .requestMatchers("/identification", "/identification/**")
                        .hasRole(Roles.IDENTIFICATION_AUTHORITY)
                        .requestMatchers("/inbox", "/inbox/**").hasRole(Roles.SERVICE_PROVIDER)
                        // every role that works a case owes tasks: its organisation's list
                        .requestMatchers("/tasks", "/tasks/**").hasAnyRole(Roles.FIRST_LINE, Roles.CASE_MANAGER,
                                Roles.IDENTIFICATION_AUTHORITY, Roles.SERVICE_PROVIDER)
                        .requestMatchers("/prosecution", "/prosecution/**").hasRole(Roles.PROSECUTOR)
                        .requestMatchers("/statistics", "/statistics/**").hasRole(Roles.MONITOR)
                        .requestMatchers("/action-plans", "/action-plans/**").hasAnyRole(Roles.MONITOR,
                                Roles.ADMINISTRATOR)
                        .requestMatchers("/providers", "/providers/**").hasAnyRole(Roles.MONITOR,
                                Roles.ADMINISTRATOR)
                        .requestMatchers("/projections", "/projections/**", "/store-verifications",
                                "/store-verifications/**").hasRole(Roles.OPERATOR)
                        .requestMatchers("/administration", "/administration/**").hasRole(Roles.ADMINISTRATOR)
                        // whoever may ask for a held step follows and withdraws their own requests
                        .requestMatchers("/approvals/mine", "/approvals/*/withdrawal").hasAnyRole(Roles.FIRST_LINE,
                                Roles.CASE_MANAGER, Roles.IDENTIFICATION_AUTHORITY, Roles.APPROVER)
                        .requestMatchers("/retention", "/retention/**").hasRole(Roles.ADMINISTRATOR)
                        .requestMatchers("/approvals", "/approvals/**").hasRole(Roles.APPROVER)
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                        .userInfoEndpoint(userInfo -> userInfo.userService(person))
                        .defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/signed-out"))
                .csrf(csrf -> csrf.csrfTokenRepository(new SessionCsrfTokens()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** Obtains, and refreshes when they expire, the access tokens of the person signed in. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
                                                    OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    /** Checks an access token as the services do: identity-service's keys, expiry and the platform's issuer. */
    @Bean
    JwtDecoder accessTokens(WebProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer().toString()));
        return decoder;
    }
}
