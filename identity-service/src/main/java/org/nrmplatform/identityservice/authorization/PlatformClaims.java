package org.nrmplatform.identityservice.authorization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.nrmplatform.identityservice.views.AccountView;
import org.nrmplatform.identityservice.views.ClientView;
import org.nrmplatform.identityservice.views.IdentityQueries.FindAccountByUsername;
import org.nrmplatform.identityservice.views.IdentityQueries.FindClient;
import org.nrmplatform.identityservice.views.IdentityQueries.FindOrganisation;
import org.nrmplatform.identityservice.views.OrganisationView;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the platform's claims ({@link TokenClaims}) into every access token, read from the views at the
 * moment of issue: a role granted or revoked shows in the next token. {@code sub} is the user id for a
 * person and the client id for an agency system.
 */
@Component
class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final QueryGateway queries;

    PlatformClaims(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        String clientId = context.getRegisteredClient().getClientId();
        Holder holder;
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            ClientView client = find(new FindClient(clientId), ClientView.class).filter(ClientView::active)
                    .orElseThrow(() -> refused(OAuth2ErrorCodes.INVALID_CLIENT, "the client is not active"));
            holder = new Holder(clientId, null, client.organisationId(), client.roles());
        } else {
            String username = context.getPrincipal().getName();
            AccountView account = find(new FindAccountByUsername(username), AccountView.class)
                    .filter(AccountView::active)
                    .orElseThrow(() -> refused(OAuth2ErrorCodes.INVALID_GRANT, "the account is not active"));
            holder = new Holder(account.id(), account.id(), account.organisationId(), account.roles());
        }
        OrganisationView organisation = find(new FindOrganisation(UUID.fromString(holder.organisationId())),
                OrganisationView.class)
                .orElseThrow(() -> refused(OAuth2ErrorCodes.SERVER_ERROR, "the holder's organisation is unknown"));
        context.getClaims().claims(claims -> {
            claims.put("sub", holder.subject());
            if (holder.userId() != null) {
                claims.put(TokenClaims.USER_ID, holder.userId());
            }
            claims.put(TokenClaims.CLIENT_ID, clientId);
            claims.put(TokenClaims.ORGANISATION_ID, organisation.id());
            claims.put(TokenClaims.ORGANISATION_TYPE, organisation.type());
            claims.put(TokenClaims.COUNTRY, organisation.country());
            claims.put(TokenClaims.ROLES, List.copyOf(holder.roles()));
        });
    }

    private record Holder(String subject, String userId, String organisationId, List<String> roles) {
    }

    private <T> Optional<T> find(Object query, Class<T> type) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
