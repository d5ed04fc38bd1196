package org.nrmplatform.identityservice.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The platform's sign-in page (decision 47), in place of Spring Security's English one: the form that Spring
 * Security's form login reads ({@code POST /login}), the reason a sign-in was refused, and the language switch. The
 * switch is a plain link back to this page: the authorization request saved in the session before the page was
 * shown is untouched, so signing in afterwards still returns to the client that asked.
 */
@Controller
class SignInPage implements WebMvcConfigurer {

    /** The longest wait the page names; a longer one (a forged link) is not shown. */
    private static final long LONGEST_WAIT_SECONDS = 24 * 60 * 60;

    @GetMapping("/login")
    String signIn(@RequestParam(name = "wait", required = false) String wait, Model model) {
        model.addAttribute("waitSeconds", seconds(wait));
        return "sign-in";
    }

    /**
     * The back-off's or rate's wait the throttle names in its redirect, as digits (no grouping in any language), or
     * null when there is none to show.
     */
    private static String seconds(String wait) {
        if (wait == null || !wait.matches("\\d{1,6}")) {
            return null;
        }
        long seconds = Long.parseLong(wait);
        return seconds >= 1 && seconds <= LONGEST_WAIT_SECONDS ? String.valueOf(seconds) : null;
    }

    @Bean
    static LocaleResolver localeResolver() {
        return new SignInLanguage();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/login");
    }
}
