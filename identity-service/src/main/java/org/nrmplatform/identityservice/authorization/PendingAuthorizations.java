package org.nrmplatform.identityservice.authorization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only the authorizations still waiting for their code to be exchanged (a bounded number, for
 * minutes), and forgets an authorization as soon as its access token is issued, except the web
 * application's, whose refresh token is kept until it expires. Access tokens are self-contained JWTs that
 * services verify themselves and only the web application gets refresh tokens, so nothing else needs
 * an issued token again, and client-credentials traffic does not grow memory (Spring's in-memory service
 * keeps every issued token). A code presented a second time is then unknown and refused.
 *
 * <p>In memory: a code must be exchanged at the instance that issued it (the browser sign-in is bound to
 * that instance's session anyway), so several instances need sticky routing for the sign-in flow; a web
 * sign-in's refresh token too, and a restart of identity-service ends every web sign-in (people sign in again).
 */
class PendingAuthorizations implements OAuth2AuthorizationService {

    /** Pending codes and the web application's sign-ins together; the oldest is forgotten first (its holder
     *  signs in again). */
    private static final int MAX_PENDING = 10_000;

    private final Map<String, OAuth2Authorization> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OAuth2Authorization> eldest) {
            return size() > MAX_PENDING;
        }
    };

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        pending.values().removeIf(PendingAuthorizations::expired);
        if (authorization.getAccessToken() == null || refreshable(authorization)) {
            pending.put(authorization.getId(), authorization);
        } else {
            pending.remove(authorization.getId());
        }
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        pending.remove(authorization.getId());
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return pending.get(id);
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        List<OAuth2Authorization> candidates = new ArrayList<>(pending.values());
        return candidates.stream().filter(authorization -> matches(authorization, token, tokenType)).findFirst()
                .orElse(null);
    }

    /** The web application's sign-in: kept while its refresh token may be used (RegisteredClients). */
    private static boolean refreshable(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        return refresh != null && refresh.isActive();
    }

    private static boolean expired(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        return refresh != null && refresh.isExpired();
    }

    private static boolean matches(OAuth2Authorization authorization, String token, OAuth2TokenType type) {
        boolean byState = token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        boolean byCode = code != null && token.equals(code.getToken().getTokenValue());
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        boolean byRefresh = refresh != null && token.equals(refresh.getToken().getTokenValue());
        if (type == null) {
            return byState || byCode || byRefresh;
        }
        if (OAuth2ParameterNames.STATE.equals(type.getValue())) {
            return byState;
        }
        if (OAuth2TokenType.REFRESH_TOKEN.equals(type)) {
            return byRefresh;
        }
        return OAuth2ParameterNames.CODE.equals(type.getValue()) && byCode;
    }
}
