package org.nrmplatform.web.home;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: the one the person chose with the switch on every page ({@code ?lang=sr-Latn}; kept for
 * the person in the store and on the browser in a cookie, see {@link PersonalLanguage}), otherwise the browser's
 * {@code Accept-Language}, otherwise English. Texts are in {@code messages.properties} and
 * {@code messages_sr_Latn.properties}.
 */
@Configuration(proxyBeanMethods = false)
class Languages implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver(MongoTemplate mongo) {
        CookieLocaleResolver browser = new CookieLocaleResolver("NRM_WEB_LANGUAGE");
        browser.setCookieMaxAge(Duration.ofDays(365));
        browser.setCookieHttpOnly(true);
        browser.setDefaultLocale(null); // Accept-Language
        return new PersonalLanguage(browser, mongo);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
