package org.nrmplatform.shared.codelists;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The languages the code lists, the indicator sets and the court export are labelled in: those of the region's
 * referral mechanisms. English is the lists' own; the others are data files beside them ({@code labels/<tag>.json}).
 */
public enum LabelLanguage {
    EN("en"), SQ("sq"), MK("mk"), SR_LATN("sr-Latn"), SR_CYRL("sr-Cyrl"), BS("bs"), HR("hr"), CNR("cnr");

    private final String tag;

    LabelLanguage(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag, as answered in {@code Content-Language} and used in the file names. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /**
     * The locale whose CLDR data (as the JDK carries it) names countries in this language. The JDK has no
     * Montenegrin data: Serbian in Latin script as used in Montenegro (ijekavian) stands in for it.
     */
    public Locale countryNames() {
        return this == CNR ? Locale.forLanguageTag("sr-Latn-ME") : locale();
    }

    /**
     * The language of one tag by RFC 4647 lookup (subtags dropped from the end until one of ours matches), so
     * {@code sr-Latn-RS} is sr-Latn and {@code mk-MK} is mk. Serbian without a script is Cyrillic, the script
     * Serbia's constitution names, except Serbian of Montenegro ({@code sr-ME}), written in Latin there.
     */
    public static Optional<LabelLanguage> match(String languageTag) {
        String range = languageTag.toLowerCase(Locale.ROOT).replace('_', '-');
        while (!range.isEmpty()) {
            for (LabelLanguage language : values()) {
                if (language.tag.toLowerCase(Locale.ROOT).equals(range)) {
                    return Optional.of(language);
                }
            }
            if (range.equals("sr-me")) {
                return Optional.of(SR_LATN);
            }
            if (range.equals("sr")) {
                return Optional.of(SR_CYRL);
            }
            int cut = range.lastIndexOf('-');
            range = cut < 0 ? "" : range.substring(0, cut);
            if (range.length() > 2 && range.charAt(range.length() - 2) == '-') {
                range = range.substring(0, range.length() - 2); // no single-letter subtag left at the end
            }
        }
        return Optional.empty();
    }

    /** The language of a locale (e.g. a web page's), English when it is none of ours. */
    public static LabelLanguage of(Locale locale) {
        return locale == null ? EN : match(locale.toLanguageTag()).orElse(EN);
    }

    /**
     * The language for an {@code Accept-Language} header (RFC 9110, section 12.5.4): the ranges by falling
     * quality, the first that one of ours matches; English without a header, for {@code *}, when none matches
     * and when the header cannot be parsed (a reader still gets the labels, in the lists' own language).
     */
    public static LabelLanguage negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return EN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return EN;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue; // "not acceptable"
            }
            if (range.getRange().equals("*")) {
                return EN;
            }
            Optional<LabelLanguage> matched = match(range.getRange());
            if (matched.isPresent()) {
                return matched.get();
            }
        }
        return EN;
    }

    /** The headers of an answer in this language, which depends on the request's Accept-Language. */
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_LANGUAGE, tag);
        headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return headers;
    }
}
