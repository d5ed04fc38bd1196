package org.nrmplatform.shared.security;

import java.util.List;
import java.util.Optional;
import org.nrmplatform.accesstokens.NotRevoked;
import org.nrmplatform.accesstokens.PolledRevocations;
import org.nrmplatform.accesstokens.RevocationSource;
import org.nrmplatform.accesstokens.SecurityProperties;
import org.nrmplatform.accesstokens.TokenKeys;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.nrmplatform.shared.web.ProblemResponses;
import org.nrmplatform.shared.web.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service checks the access token of every API call itself, so that a call that bypasses the
 * gateway is refused too. Which role may call an endpoint is stated on the endpoint
 * ({@code @PreAuthorize}), and checked before the request is bound or validated ({@link RolesBeforeBinding});
 * which cases and fields it then sees is the service's need-to-know policy.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerConfiguration {

    /** Operational endpoints: bound to the service's own port, never routed through the gateway. */
    private static final String[] OPEN = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs/**", "/error"};

    /**
     * Spring Security's firewall refuses URLs and headers that could be read two ways (';', '//', an encoded
     * '/' or '%', '..', control characters): a problem instead of an empty 400 or Boot's error JSON.
     */
    /**
     * Spring Security observes every filter of its chain, and every authorization, as an observation of its
     * own (a timer and a span each): a fifth of the gateway's CPU per request. The request's own observation
     * (http.server.requests, its trace) stays, and so do authentications, whose failures matter.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false)
                .shouldObserveAuthorizations(false).build();
    }

    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST,
                "The URL or a header holds a sequence refused for safety (such as ';', '//', an encoded '/' or "
                        + "'%', '..', or a control or non-ASCII character); send the plain path and headers");
    }

    /** identity-service's revocations, read over HTTP (identity-service itself reads them from its store). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(RevocationSource.class)
    PolledRevocations polledRevocations(SecurityProperties properties) {
        return new PolledRevocations(properties.revocationsUri(), properties.revocationsPollInterval());
    }

    /** Expiry, issuer, the platform's own claims and revocation: what makes a token valid in every service. */
    @Bean
    OAuth2TokenValidator<Jwt> platformTokenValidator(SecurityProperties properties, RevocationSource revocations) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer().toString()), platformClaims(),
                new NotRevoked(revocations));
    }

    /** Verifies signatures with identity-service's published keys (identity-service uses its own). */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwtDecoder(SecurityProperties properties, OAuth2TokenValidator<Jwt> platformTokenValidator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSource(TokenKeys.fetchedFrom(properties.jwkSetUri(), properties.keyRefetchCooldown()).source())
                .build();
        decoder.setJwtValidator(platformTokenValidator);
        return decoder;
    }

    /**
     * A token without an organisation, roles or client id was not issued for this platform; one without its id
     * ({@code jti}) or time of issue ({@code iat}) could not be revoked.
     */
    private static OAuth2TokenValidator<Jwt> platformClaims() {
        return jwt -> jwt.hasClaim(TokenClaims.ORGANISATION_ID) && jwt.hasClaim(TokenClaims.ROLES)
                && jwt.hasClaim(TokenClaims.CLIENT_ID) && jwt.getId() != null && jwt.getIssuedAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "The token carries no organisation, roles, client id, token id (jti) or time of issue (iat)",
                        null));
    }

    /** Roles are checked before anything of the request is bound or validated (and again by method security). */
    @Bean
    WebMvcConfigurer rolesBeforeBinding(ApplicationContext context) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RolesBeforeBinding(context)).order(Ordered.HIGHEST_PRECEDENCE);
            }
        };
    }

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> codes = jwt.getClaimAsStringList(TokenClaims.ROLES);
            return codes == null ? List.<GrantedAuthority>of() : codes.stream().map(Role::fromCode)
                    .flatMap(Optional::stream)
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
                    .toList();
        });
        return converter;
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtAuthenticationConverter converter) throws Exception {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        AuthenticationEntryPoint refused = (request, response, failure) -> {
            if (failure instanceof AuthenticationServiceException || ProblemResponses.storeUnreachable(failure)) {
                // the token could not be checked (identity-service's keys or the store unreachable): not the
                // caller's fault, and the same token works once they are back
                ProblemWriter.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                        "The access token cannot be checked at the moment; try again shortly");
                return;
            }
            bearer.commence(request, response, failure); // sets WWW-Authenticate
            ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED,
                    "A valid bearer token is required: " + failure.getMessage());
        };
        AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(refused);
        failures.setRethrowAuthenticationServiceException(false); // else a 500 from the servlet container
        http.securityMatcher("/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(refused)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failures);
                                return filter;
                            }
                        })
                        .accessDeniedHandler((request, response, denied) -> ProblemWriter.write(request, response,
                                HttpStatus.FORBIDDEN, "Your role may not do this")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
