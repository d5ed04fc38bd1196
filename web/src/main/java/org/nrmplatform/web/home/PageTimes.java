package org.nrmplatform.web.home;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times the API answers (ISO 8601, in UTC) as the page's language writes them: {@code 31.1.2026 09:30}
 * in Macedonian (CLDR's forms, by {@link FormatStyle}). English pages keep the ISO form ({@code 2026-01-31 09:30}),
 * read the same way in every English-speaking country. Times stay in UTC, as the pages say. Used by the templates
 * as {@code @pageTimes}; what is not a date is shown as the API gave it.
 */
@Component
public class PageTimes {

    private static final DateTimeFormatter ISO_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A date and time to the minute, in UTC (the page adds the zone where it shows one). */
    public String at(String iso) {
        TemporalAccessor time = read(iso);
        if (time == null) {
            return iso;
        }
        if (time instanceof LocalDate day) {
            return day(day);
        }
        Locale language = LocaleContextHolder.getLocale();
        DateTimeFormatter format = isEnglish(language) ? ISO_AT
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(language);
        return format.format(((OffsetDateTime) time).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    /** The day alone. */
    public String day(String iso) {
        TemporalAccessor time = read(iso);
        if (time == null) {
            return iso;
        }
        return day(time instanceof LocalDate day ? day
                : ((OffsetDateTime) time).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
    }

    private static String day(LocalDate day) {
        Locale language = LocaleContextHolder.getLocale();
        return isEnglish(language) ? day.toString()
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(language).format(day);
    }

    private static boolean isEnglish(Locale language) {
        return language == null || "en".equals(language.getLanguage());
    }

    private static TemporalAccessor read(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return iso.length() == 10 ? LocalDate.parse(iso) : Instant.parse(iso).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(iso);
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }
}
