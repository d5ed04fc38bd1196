package org.nrmplatform.identityservice.authorization;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.nrmplatform.identityservice.IdentityProperties;
import org.nrmplatform.identityservice.revocation.RevocationList;
import org.nrmplatform.identityservice.keys.SigningKeys;
import org.nrmplatform.identityservice.throttling.UnknownClientSecrets;
import org.nrmplatform.accesstokens.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * identity-service as the platform's OAuth2 authorization server: client credentials for agency systems,
 * authorization code with PKCE for people (through {@code nrm-cli}), signed JWT access tokens. The
 * {@code /api/identity/**} endpoints are served by the platform's resource-server chain (shared), which
 * validates tokens here with the local keys instead of calling this service over HTTP.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /** The grants identity-service serves (README, "Tokens"). */
    private static final List<String> SERVED_GRANTS = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
            // only to the web application's confidential client (nrm-web), rotated at each use
            AuthorizationGrantType.REFRESH_TOKEN.getValue());

    /**
     * The standard endpoints (token, authorize, jwks, metadata) and the sign-in form the browser flow uses
     * (with its stylesheet); everything else is left to the resource-server chain.
     */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, JwtDecoder tokens, RevocationList revocations,
                                            IdentityProperties identity, RegisteredClientRepository clients,
                                            PasswordEncoder secrets) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // not a bean: an AuthenticationProvider bean would also become the sign-in form's only provider
        UnknownClientSecrets unknownClients = new UnknownClientSecrets(clients, secrets);
        TokenRevocation revocation = new TokenRevocation(tokens, revocations);
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), paths.matcher("/login"),
                            paths.matcher("/logout"), paths.matcher("/default-ui.css")));
                    server.authorizationEndpoint(endpoint -> endpoint.authorizationResponseHandler(
                            AuthorizationServerConfiguration::redirectEndingTheSignIn));
                    // an unknown client id costs the same hashing as a wrong secret (decision 36)
                    server.clientAuthentication(authentication -> authentication.authenticationProviders(
                            providers -> providers.add(0, unknownClients)));
                    server.tokenRevocationEndpoint(endpoint -> endpoint.authenticationProviders(providers -> {
                        providers.clear();
                        providers.add(revocation);
                    }));
                    // advertise only what is served: no token exchange or device flow
                    server.authorizationServerMetadataEndpoint(metadata -> metadata
                            .authorizationServerMetadataCustomizer(claims -> claims
                                    .grantTypes(grants -> grants.retainAll(SERVED_GRANTS))
                                    .claims(all -> all.remove("device_authorization_endpoint"))));
                })
                .authorizeHttpRequests(requests -> requests
                        // the page with any of its parameters (?lang=, ?wait=, ?logout); form login's own permitAll
                        // lets only the exact addresses through (/login, /login?error)
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/login"),
                                paths.matcher(HttpMethod.GET, "/default-ui.css")).permitAll()
                        .anyRequest().authenticated())
                // the platform's own page in the region's languages (signin.SignInPage, decision 47); the form,
                // its failure (?error) and sign-out (?logout) addresses stay those of Spring Security's own page
                .formLogin(form -> form.loginPage("/login").permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(signInPolicy(identity))))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browser()));
        return http.build();
    }

    /**
     * The sign-in page is a plain form with the platform's stylesheet: nothing else loads, nothing frames it, and its
     * form goes only here. Browsers hold the redirect after the form (the authorization code, to the client) to
     * form-action as well, so the clients' redirect origins are allowed there too.
     */
    static String signInPolicy(IdentityProperties identity) {
        Set<String> formTargets = new LinkedHashSet<>(List.of("'self'"));
        Stream.concat(identity.cliRedirectUris().stream(), identity.web().redirectUris().stream())
                .map(uri -> uri.getScheme() + "://" + uri.getRawAuthority())
                .forEach(formTargets::add);
        return "default-src 'none'; style-src 'self'; img-src 'self'; form-action " + String.join(" ", formTargets)
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /**
     * Sends the code to the client like the default handler, and ends the sign-in session here first: the client
     * (the web application, the command-line client) holds what it needs, and signing out of it must not leave a
     * session in this service through which the next person at the browser is let in without a password.
     */
    private static void redirectEndingTheSignIn(HttpServletRequest request, HttpServletResponse response,
                                                Authentication authentication) throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken authorized =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(authorized.getRedirectUri())
                .queryParam(OAuth2ParameterNames.CODE, authorized.getAuthorizationCode().getTokenValue());
        if (StringUtils.hasText(authorized.getState())) {
            target.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(authorized.getState(), StandardCharsets.UTF_8));
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(target.build(true).toUriString());
    }

    private static MediaTypeRequestMatcher browser() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    /** Tokens name the platform's public address (the gateway) as issuer, whichever instance issued them. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(SecurityProperties security) {
        return AuthorizationServerSettings.builder().issuer(security.issuer().toString()).build();
    }

    /** Signs with the newest active key only; the published set may hold older keys too. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signingKey());
    }

    /** Validates tokens for this service's own API with the published keys, as every other service does. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, OAuth2TokenValidator<Jwt> platformTokenValidator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(platformTokenValidator);
        return decoder;
    }

    @Bean
    OAuth2AuthorizationService authorizationService(MongoTemplate mongo, Clock clock) {
        return new StoredAuthorizations(mongo, clock);
    }
}
