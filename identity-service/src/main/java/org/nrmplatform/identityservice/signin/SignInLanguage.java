package org.nrmplatform.identityservice.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The sign-in page's language, one of the platform's ({@link LabelLanguage}): the one chosen with the page's switch
 * ({@code ?lang=sq}) or earlier in the web application, otherwise the first of {@code Accept-Language} the platform
 * speaks by the shared rule (quality values, plain {@code sr} in Cyrillic), otherwise English. The choice is kept in
 * the web application's own language cookie: both are served under the gateway's one address, so a person who
 * switches here lands in the web application in the same language, and the other way round.
 */
final class SignInLanguage implements LocaleResolver {

    /** The web application's cookie (web's {@code Languages}), path {@code /}: shared on the gateway's address. */
    static final String COOKIE = "NRM_WEB_LANGUAGE";
    private static final Duration KEPT = Duration.ofDays(365);
    private static final String CHOSEN = SignInLanguage.class.getName() + ".CHOSEN";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof LabelLanguage chosen) {
            return chosen.locale();
        }
        return Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
                .filter(cookie -> COOKIE.equals(cookie.getName())).map(Cookie::getValue).findFirst()
                .flatMap(LabelLanguage::match)
                .orElseGet(() -> LabelLanguage.negotiate(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)))
                .locale();
    }

    /** Keeps a language the platform speaks; any other ({@code ?lang=de}) changes nothing. */
    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (locale == null) {
            return;
        }
        LabelLanguage.match(locale.toLanguageTag()).ifPresent(language -> {
            request.setAttribute(CHOSEN, language);
            if (response != null) {
                response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, language.tag()).path("/")
                        .maxAge(KEPT).httpOnly(true).sameSite("Lax").build().toString());
            }
        });
    }
}
