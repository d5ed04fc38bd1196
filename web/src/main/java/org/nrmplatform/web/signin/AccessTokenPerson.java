package org.nrmplatform.web.signin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * The person signed in, read from the access token identity-service issued (user id, organisation, roles):
 * the authorization server has no user-info endpoint, and the token is what the API will judge the person by.
 * Each role becomes the authority {@code ROLE_<role>}.
 */
@Component
class AccessTokenPerson implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

    private final JwtDecoder accessTokens;

    AccessTokenPerson(JwtDecoder accessTokens) {
        this.accessTokens = accessTokens;
    }

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) {
        Jwt token = accessTokens.decode(request.getAccessToken().getTokenValue());
        Map<String, Object> claims = token.getClaims();
        List<String> roles = token.getClaimAsStringList("roles");
        Collection<GrantedAuthority> authorities = (roles == null ? List.<String>of() : roles).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return new DefaultOAuth2User(authorities, claims, "sub");
    }
}
