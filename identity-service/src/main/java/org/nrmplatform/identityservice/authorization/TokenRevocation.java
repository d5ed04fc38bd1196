package org.nrmplatform.identityservice.authorization;

import org.nrmplatform.contracts.identity.TokenClaims;
import org.nrmplatform.identityservice.revocation.RevocationList;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * {@code POST /oauth2/revoke} (RFC 7009) for the platform's self-contained access tokens: identity-service keeps no
 * issued token, so a token is revoked by recording its id until it expires ({@link RevocationList}); the gateway and
 * the services then refuse it. A client may revoke only the tokens issued to it; a token that does not verify (or
 * has expired) needs no revocation and is answered 200 as the RFC asks.
 */
class TokenRevocation implements AuthenticationProvider {

    private final JwtDecoder tokens;
    private final RevocationList revocations;

    TokenRevocation(JwtDecoder tokens, RevocationList revocations) {
        this.tokens = tokens;
        this.revocations = revocations;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
                || client.getRegisteredClient() == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        Jwt token;
        try {
            token = tokens.decode(request.getToken());
        } catch (JwtException notValidAnyway) {
            return request;
        }
        if (!client.getRegisteredClient().getClientId().equals(token.getClaimAsString(TokenClaims.CLIENT_ID))) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        revocations.revokeToken(token.getId(), client.getRegisteredClient().getClientId(), token.getExpiresAt());
        return new OAuth2TokenRevocationAuthenticationToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                token.getTokenValue(), token.getIssuedAt(), token.getExpiresAt()), client);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
