package org.nrmplatform.web.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The CSRF token kept in the person's session, but never the reason a session is created. A form posted from
 * another site arrives without the session cookie (SameSite=Lax) and is refused; Spring's repository would still
 * store a fresh token for it, creating a session whose cookie replaces the person's own: any site could sign people
 * out. Pages with forms are shown to people signed in, whose session exists, and to the person opening a feedback
 * link, whose page starts one (web's feedback package).
 */
final class SessionCsrfTokens implements CsrfTokenRepository {

    private final HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return tokens.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            tokens.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return tokens.loadToken(request);
    }
}
