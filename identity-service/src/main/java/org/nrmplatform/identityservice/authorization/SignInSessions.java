package org.nrmplatform.identityservice.authorization;

import java.time.Clock;
import java.time.Duration;
import org.nrmplatform.sessions.StoredSessions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;

/**
 * The sign-in session (the authorization request waiting while a person types their password, the CSRF token of
 * the sign-in form) is kept in the store, so that a restart or a second instance of identity-service does not
 * break a sign-in in progress. It ends as soon as the code is issued (AuthorizationServerConfiguration).
 * <p>
 * Its cookie is named apart from the web application's on the same address: HttpOnly, SameSite=Lax, Secure
 * whenever the request came over TLS.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
class SignInSessions {

    /** How long a person may take on the sign-in page. */
    static final Duration SIGN_IN_TIME = Duration.ofMinutes(15);
    static final String COOKIE = "NRM_SIGN_IN";

    @Bean
    StoredSessions sessionRepository(MongoTemplate mongo, Clock clock) {
        return new StoredSessions(mongo, "sign_in_sessions", SIGN_IN_TIME, clock);
    }

    @Bean
    CookieSerializer sessionCookie() {
        return StoredSessions.cookie(COOKIE);
    }
}
