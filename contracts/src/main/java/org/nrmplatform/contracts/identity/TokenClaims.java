package org.nrmplatform.contracts.identity;

/**
 * The claims of the platform's access tokens beyond the standard ones ({@code iss}, {@code sub},
 * {@code exp}, ...). identity-service issues them; every service reads them.
 */
public final class TokenClaims {

    /** The OAuth2 client the token was issued to. */
    public static final String CLIENT_ID = "client_id";
    /** The user account id, for tokens issued to a person; absent for agency systems. */
    public static final String USER_ID = "user_id";
    public static final String ORGANISATION_ID = "org";
    public static final String ORGANISATION_TYPE = "org_type";
    /** ISO 3166-1 alpha-2 country of the organisation. */
    public static final String COUNTRY = "country";
    /** Role codes, see {@link Role#code()}. */
    public static final String ROLES = "roles";

    private TokenClaims() {
    }
}
