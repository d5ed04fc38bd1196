package org.nrmplatform.shared.codelists;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * ISO 3166-1 alpha-2 country codes, and XK for Kosovo, a participant of the region's referral mechanisms; their
 * names in each {@link LabelLanguage} come from the Unicode CLDR data the JDK carries (XK included).
 */
public final class Countries {

    private static final Set<String> CODES;

    static {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        // user-assigned code element, used by the EU and the region's institutions; not in the JDK's list
        codes.add("XK");
        CODES = Set.copyOf(codes);
    }

    private Countries() {
    }

    public static void require(String code, String field) {
        if (code == null || !CODES.contains(code)) {
            throw RuleViolation.ruleNotMet(field, "'" + code + "' is not an ISO 3166-1 alpha-2 country code");
        }
    }

    /** Every code, in alphabetical order. */
    public static List<String> codes() {
        return CODES.stream().sorted().toList();
    }

    /** The country's name in this language (CLDR); the code itself for one the data does not name. */
    public static String name(String code, LabelLanguage language) {
        String name = new Locale("", code).getDisplayCountry(language.countryNames());
        return name.isEmpty() ? code : name;
    }
}
