package org.nrmplatform.gateway;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.nrmplatform.contracts.identity.TokenClaims.CLIENT_ID;
import static org.nrmplatform.contracts.identity.TokenClaims.ORGANISATION_ID;
import static org.nrmplatform.contracts.identity.TokenClaims.ROLES;

/**
 * A token without an organisation, roles or client id was not issued for this platform; one without its id
 * ({@code jti}) or time of issue ({@code iat}) could not be revoked.
 */
final class PlatformClaims implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error NOT_FOR_THIS_PLATFORM = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token carries no organisation, roles, client id, token id (jti) or time of issue (iat)", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return token.hasClaim(ORGANISATION_ID) && token.hasClaim(ROLES) && token.hasClaim(CLIENT_ID)
                && token.getId() != null && token.getIssuedAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(NOT_FOR_THIS_PLATFORM);
    }
}
