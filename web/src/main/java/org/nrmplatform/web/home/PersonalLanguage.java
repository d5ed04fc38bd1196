package org.nrmplatform.web.home;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The pages' language, chosen per person: the one a signed-in person last chose with the switch, on whichever
 * browser (kept in the store by the person's subject, read once per session); otherwise the one chosen on this
 * browser (a cookie, kept for a year, so it outlives sign-out); otherwise {@code Accept-Language}. Only the
 * {@link Languages#OFFERED} languages are kept or answered: {@code ?lang=de} changes nothing.
 */
final class PersonalLanguage implements LocaleResolver {

    static final String COLLECTION = "languages";
    /** The person's choice for this session, or {@link #NONE}: read from the store once per session. */
    private static final String CHOSEN = PersonalLanguage.class.getName() + ".CHOSEN";
    private static final String NONE = "";

    private final LocaleResolver browser;
    private final MongoTemplate mongo;

    PersonalLanguage(LocaleResolver browser, MongoTemplate mongo) {
        this.browser = browser;
        this.mongo = mongo;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String person = person();
        if (person != null) {
            HttpSession session = request.getSession(false);
            Object chosen = session == null ? null : session.getAttribute(CHOSEN);
            if (chosen == null) {
                Document stored = mongo.findById(person, Document.class, COLLECTION);
                chosen = stored == null ? NONE : stored.getString("language");
                if (session != null) {
                    session.setAttribute(CHOSEN, chosen);
                }
            }
            Locale offered = NONE.equals(chosen) ? null : Languages.offered(Locale.forLanguageTag((String) chosen));
            if (offered != null) {
                return offered;
            }
        }
        Locale offered = Languages.offered(browser.resolveLocale(request));
        return offered != null ? offered : Languages.forBrowser(request.getHeader("Accept-Language"));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale asked) {
        Locale locale = Languages.offered(asked);
        if (locale == null) {
            return;
        }
        browser.setLocale(request, response, locale);
        String person = person();
        if (person != null) {
            mongo.upsert(Query.query(Criteria.where("_id").is(person)),
                    Update.update("language", locale.toLanguageTag()), COLLECTION);
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.setAttribute(CHOSEN, locale.toLanguageTag());
            }
        }
    }

    private static String person() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        return signedIn == null || signedIn instanceof AnonymousAuthenticationToken || !signedIn.isAuthenticated()
                ? null : signedIn.getName();
    }
}
