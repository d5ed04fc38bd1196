package org.nrmplatform.identityservice.authorization;

import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.identityservice.IdentityProperties;
import org.nrmplatform.identityservice.clients.ClientRegistration;
import org.nrmplatform.identityservice.credentials.Credentials;
import org.nrmplatform.identityservice.views.ClientView;
import org.nrmplatform.identityservice.views.IdentityQueries.FindClient;
import org.nrmplatform.identityservice.views.IdentityQueries.FindClientById;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The OAuth2 clients the token endpoint knows: every active API client (client credentials, secret checked
 * against its stored hash), the platform's public command-line client {@value #CLI}, through which
 * people sign in (authorization code with PKCE, no secret), and the web application {@value #WEB} when it is
 * configured. A deactivated client is not found, so the
 * token endpoint answers {@code invalid_client}.
 */
@Component
class RegisteredClients implements RegisteredClientRepository {

    static final String CLI = ClientRegistration.CLI_CLIENT_ID;
    private static final String CLI_ID = UUID.nameUUIDFromBytes("registered-client:nrm-cli".getBytes()).toString();
    /** The platform's web application: a confidential client, registered from configuration, not the API. */
    static final String WEB = "nrm-web";
    private static final String WEB_ID = UUID.nameUUIDFromBytes("registered-client:nrm-web".getBytes()).toString();

    private final QueryGateway queries;
    private final Credentials credentials;
    private final IdentityProperties properties;
    private final RegisteredClient cli;
    private final RegisteredClient web;

    RegisteredClients(QueryGateway queries, Credentials credentials, IdentityProperties properties,
                      PasswordEncoder secrets) {
        this.queries = queries;
        this.credentials = credentials;
        this.properties = properties;
        this.cli = RegisteredClient.withId(CLI_ID)
                .clientId(CLI)
                .clientName("NRM command-line client")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> properties.cliRedirectUris().forEach(uri -> uris.add(uri.toString())))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokenSettings())
                .build();
        this.web = properties.web().clientSecret() == null ? null : webClient(properties.web(), secrets);
    }

    /**
     * Signs people in for the web application, which keeps their tokens in its server-side session: PKCE as
     * well as the secret, and refresh tokens (rotated at each use) for the length of a working session, so that
     * a form sent after the 10-minute access token expired is not lost to a new sign-in.
     */
    private RegisteredClient webClient(IdentityProperties.Web settings, PasswordEncoder secrets) {
        return RegisteredClient.withId(WEB_ID)
                .clientId(WEB)
                .clientName("NRM web application")
                .clientSecret(secrets.encode(settings.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> settings.redirectUris().forEach(uri -> uris.add(uri.toString())))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.tokenLifetime())
                        .refreshTokenTimeToLive(settings.sessionLifetime())
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }

    /** Clients are registered through the API; the only write the server itself attempts is re-encoding a
     *  secret, which the hashes stored here never need. */
    @Override
    public void save(RegisteredClient registeredClient) {
        // nothing to do
    }

    @Override
    public RegisteredClient findById(String id) {
        if (CLI_ID.equals(id)) {
            return cli;
        }
        if (WEB_ID.equals(id)) {
            return web;
        }
        UUID apiClientId;
        try {
            apiClientId = UUID.fromString(id);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
        return toRegisteredClient(query(new FindClientById(apiClientId))).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (CLI.equals(clientId)) {
            return cli;
        }
        if (WEB.equals(clientId)) {
            return web;
        }
        return toRegisteredClient(query(new FindClient(clientId))).orElse(null);
    }

    private Optional<RegisteredClient> toRegisteredClient(Optional<ClientView> found) {
        return found.filter(ClientView::active).flatMap(client -> credentials.hash(UUID.fromString(client.id()))
                .map(hash -> RegisteredClient.withId(client.id())
                        .clientId(client.clientId())
                        .clientSecret(hash)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                        .tokenSettings(tokenSettings())
                        .build()));
    }

    private TokenSettings tokenSettings() {
        return TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.tokenLifetime()).build();
    }

    private Optional<ClientView> query(Object query) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(ClientView.class)).join();
    }
}
