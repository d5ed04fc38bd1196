package org.nrmplatform.accesstokens;

import org.nrmplatform.contracts.identity.Revocations;
import org.nrmplatform.contracts.identity.TokenClaims;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Refuses a token identity-service has revoked, or one of an account or client whose tokens it has voided. Before
 * the revocations have been read once, no token can be checked: a 503, as when the keys cannot be fetched.
 */
public final class NotRevoked implements OAuth2TokenValidator<Jwt> {

    private final RevocationSource revocations;

    public NotRevoked(RevocationSource revocations) {
        this.revocations = revocations;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Revocations known = revocations.current().orElseThrow(() ->
                new JwtException("The token revocations could not be read from identity-service yet"));
        return known.refusal(token.getId(), token.getClaimAsString(TokenClaims.USER_ID),
                        token.getClaimAsString(TokenClaims.CLIENT_ID), token.getIssuedAt())
                .map(why -> OAuth2TokenValidatorResult.failure(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token is refused: " + why, null)))
                .orElseGet(OAuth2TokenValidatorResult::success);
    }
}
