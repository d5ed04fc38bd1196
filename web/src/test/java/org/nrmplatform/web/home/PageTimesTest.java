package org.nrmplatform.web.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** The pages' dates follow their language; English keeps ISO; what is not a date is shown as it came. */
class PageTimesTest {

    private final PageTimes times = new PageTimes();

    @AfterEach
    void forgetTheLanguage() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void englishPagesKeepTheIsoForm() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(times.at("2026-01-31T09:30:12.345Z")).isEqualTo("2026-01-31 09:30");
        assertThat(times.day("2026-01-31T23:30:00Z")).isEqualTo("2026-01-31");
        assertThat(times.day("2026-01-31")).isEqualTo("2026-01-31");
    }

    @Test
    void theRegionsLanguagesWriteTheDayFirstInUtc() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("mk"));
        assertThat(times.at("2026-01-31T09:30:00+01:00")).contains("31").contains("2026").contains("08:30")
                .doesNotStartWith("2026");
        LocaleContextHolder.setLocale(Locale.forLanguageTag("hr"));
        assertThat(times.day("2026-01-31")).startsWith("31").contains("2026");
    }

    @Test
    void whatIsNotADateIsShownAsItCame() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("sq"));
        assertThat(times.at("soon")).isEqualTo("soon");
        assertThat(times.day(null)).isNull();
    }
}
