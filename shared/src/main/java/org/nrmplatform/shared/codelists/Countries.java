package org.nrmplatform.shared.codelists;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.nrmplatform.shared.domain.RuleViolation;

/** ISO 3166-1 alpha-2 country codes, and XK for Kosovo, a participant of the region's referral mechanisms. */
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
}
