package org.nrmplatform.gateway;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import java.util.List;
import org.nrmplatform.accesstokens.NotRevoked;
import org.nrmplatform.accesstokens.PolledRevocations;
import org.nrmplatform.accesstokens.SecurityProperties;
import org.nrmplatform.accesstokens.TokenKeys;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway refuses every call without a valid access token before it reaches a service, and forwards the token
 * unchanged. It only authenticates: which role may do what is each service's decision, and each service checks the
 * token again so that a call bypassing the gateway is refused too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class) // nrm.security.*, the same properties as the services'
@EnableWebFluxSecurity
class TokenAuthentication {

    /**
     * Reachable without a token: identity-service's authorization server (where tokens come from, its login and
     * logout pages, and the keys and metadata that verify tokens), the gateway's own operational endpoints (served
     * on the management port only, bound to 127.0.0.1: on the public port these paths are not found), the
     * API documentation, the web application, which checks its own sessions, and the person's feedback link
     * (one path segment after {@code /api/feedback/}: the link's token, its only credential; decision 45), limited
     * per source address as every call without a token is.
     */
    static final String[] OPEN = {
            "/oauth2/**", "/.well-known/**", "/login", "/logout", "/default-ui.css", "/error",
            "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            ServiceRoutes.OPENAPI_PATH + "**", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/**",
            // the web application: people sign in there (its own session, never a bearer token in the browser)
            "/", "/web", "/web/**",
            "/api/feedback/*"};

    @Bean
    SecurityWebFilterChain tokenCheck(ServerHttpSecurity http, TokenProblemEntryPoint refusal) {
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(OPEN).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> { }) // uses the decoder below
                        .authenticationEntryPoint(refusal))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusal))
                // Stateless: every call carries its token; no session, so nothing for CSRF to protect.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // Login and logout pages are identity-service's, reached through its route.
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build();
    }

    /**
     * Spring Security's firewall refuses paths and headers that could be read two ways (';', '//', an encoded '/'
     * or '%', '..', a non-printable or non-ASCII header value): a problem instead of an empty 400.
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
    ServerExchangeRejectedHandler problemForRejectedExchanges(ProblemWriter problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST,
                "The URL or a header holds a sequence refused for safety (such as ';', '//', an encoded '/' or "
                        + "'%', '..', or a control or non-ASCII character); send the plain path and headers");
    }

    @Bean(destroyMethod = "close")
    PolledRevocations polledRevocations(SecurityProperties properties) {
        return new PolledRevocations(properties.revocationsUri(), properties.revocationsPollInterval());
    }

    /**
     * Signature with identity-service's published keys; expiry, not-before, issuer, the platform's claims, and
     * identity-service's revocations.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, PolledRevocations revocations) {
        TokenKeys keys = TokenKeys.fetchedFrom(properties.jwkSetUri(), properties.keyRefetchCooldown());
        // a key in hand is answered on the event loop; the source, which may fetch (and block), on another thread
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> {
                    JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
                    List<JWK> inHand = keys.inHand(selector);
                    return !inHand.isEmpty() ? Flux.fromIterable(inHand)
                            : Mono.fromCallable(() -> keys.source().get(selector, null))
                                    .subscribeOn(Schedulers.boundedElastic())
                                    .flatMapIterable(found -> found);
                })
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer().toString()), new PlatformClaims(),
                new NotRevoked(revocations)));
        // keys that cannot be fetched (identity-service or its store down) fail as a JwtException, which Spring
        // Security reports as an authentication service failure: a 503 problem, not a 500 (ProblemJsonErrorHandler)
        return token -> decoder.decode(token).onErrorMap(failure -> !(failure instanceof JwtException),
                failure -> new JwtException("The keys that verify tokens could not be fetched", failure));
    }
}
