package org.nrmplatform.web.signin;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import org.nrmplatform.web.WebProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Sessions (and with them each person's tokens) live behind Spring Session's repository: in this process's
 * memory for now, so a restart signs everybody out and several instances need sticky routing. Keeping them in
 * the platform's store is a matter of replacing the repository bean below (docs/architecture.md).
 * <p>
 * The browser holds only the session cookie: HttpOnly, SameSite=Lax (not sent with another site's requests
 * other than following a link, so a page elsewhere cannot post with it), Secure whenever the request came over
 * TLS (the gateway says so in X-Forwarded-Proto), and named apart from identity-service's sign-in cookie on the
 * same address.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
class SessionStore {

    static final String COOKIE = "NRM_WEB_SESSION";

    @Bean
    MapSessionRepository sessionRepository(WebProperties properties) {
        MapSessionRepository sessions = new MapSessionRepository(new ConcurrentHashMap<String, Session>());
        sessions.setDefaultMaxInactiveInterval(properties.sessionTimeout());
        return sessions;
    }

    /**
     * Spring Session's filter on error dispatches too (a plain filter bean gets requests only): the 403 and 404
     * pages then know who is signed in and show their navigation and sign-out.
     */
    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> sessionOnEveryDispatch(SessionRepositoryFilter<?> filter) {
        FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(filter);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        return registration;
    }

    @Bean
    CookieSerializer sessionCookie() {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        return cookie;
    }
}
