package org.nrmplatform.web.signin;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.time.Clock;
import org.bson.Document;
import org.nrmplatform.sessions.StoredSessions;
import org.nrmplatform.web.WebProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Sessions (and with them each person's tokens) are kept in the platform's store (the {@code sessions} module),
 * so that a restart of this application signs nobody out and several instances need no sticky routing.
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
    StoredSessions sessionRepository(MongoTemplate mongo, WebProperties properties, Clock clock) {
        return new StoredSessions(mongo, "web_sessions", properties.sessionTimeout(), clock);
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

    /** Whether the store keeping the sessions answers; Boot's own MongoDB check sends {@code hello}, which the
     *  embedded store does not know. Named as Boot's check, which it replaces. */
    @Bean
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new AbstractHealthIndicator("the store keeping the sessions does not answer") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                mongo.executeCommand(new Document("ping", 1));
                builder.up();
            }
        };
    }

    @Bean
    CookieSerializer sessionCookie() {
        return StoredSessions.cookie(COOKIE);
    }
}
