package org.nrmplatform.web.home;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language, one of {@link #OFFERED}: the one the person chose with the switch on every page
 * ({@code ?lang=sr-Cyrl}; kept for the person in the store and on the browser in a cookie, see
 * {@link PersonalLanguage}), otherwise the first of the browser's {@code Accept-Language} the pages are written in,
 * otherwise English. Texts are in {@code messages.properties} and one {@code messages_<tag>.properties} per
 * language ({@code sr-Cyrl} is read from {@code messages_sr_Cyrl}, the name Java gives a language with a script).
 */
@Configuration(proxyBeanMethods = false)
public class Languages implements WebMvcConfigurer {

    /** The region's languages, in the switch's order; Montenegrin by its ISO 639-3 code. */
    public static final List<Locale> OFFERED = List.of("en", "sq", "mk", "sr-Latn", "sr-Cyrl", "bs", "hr", "cnr")
            .stream().map(Locale::forLanguageTag).toList();

    private static final Locale SERBIAN_LATIN = Locale.forLanguageTag("sr-Latn");
    private static final Locale SERBIAN_CYRILLIC = Locale.forLanguageTag("sr-Cyrl");

    @Bean
    LocaleResolver localeResolver(MongoTemplate mongo) {
        CookieLocaleResolver browser = new CookieLocaleResolver("NRM_WEB_LANGUAGE");
        browser.setCookieMaxAge(Duration.ofDays(365));
        browser.setCookieHttpOnly(true);
        browser.setDefaultLocaleFunction(request -> forBrowser(request.getHeader("Accept-Language")));
        return new PersonalLanguage(browser, mongo);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /**
     * The offered language a locale asks for, or {@code null}: by its language, whatever its region
     * ({@code hr-BA} is Croatian); Serbian by its script, Cyrillic (the official one) when none is named.
     */
    public static Locale offered(Locale asked) {
        if (asked == null) {
            return null;
        }
        if ("sr".equals(asked.getLanguage())) {
            return "Latn".equals(asked.getScript()) ? SERBIAN_LATIN : SERBIAN_CYRILLIC;
        }
        return OFFERED.stream().filter(offered -> offered.getLanguage().equals(asked.getLanguage()))
                .findFirst().orElse(null);
    }

    /** The first language of an {@code Accept-Language} header that is offered, in the browser's order; else English. */
    static Locale forBrowser(String acceptLanguage) {
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Locale offered = range.getWeight() > 0 ? offered(Locale.forLanguageTag(range.getRange())) : null;
                    if (offered != null) {
                        return offered;
                    }
                }
            } catch (IllegalArgumentException unreadable) {
                // a header that is not a language list: as if none was sent
            }
        }
        return Locale.ENGLISH;
    }
}
