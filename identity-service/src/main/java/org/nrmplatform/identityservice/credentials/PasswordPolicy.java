package org.nrmplatform.identityservice.credentials;

import java.util.Locale;
import java.util.Set;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: long (length beats complexity rules, NIST SP 800-63B), not built from the
 * username, and not one of the passwords every attacker tries first.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    /** Lower-cased; the usual suspects that reach 12 characters. */
    private static final Set<String> COMMON = Set.of(
            "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111",
            "000000000000", "password1234", "password12345", "password123!", "passwordpassword",
            "p@ssw0rd1234", "p@ssword1234", "qwertyuiop12", "qwertyuiopas", "qwerty123456", "qwertyqwerty",
            "1q2w3e4r5t6y", "1qaz2wsx3edc", "abcdefghijkl", "abc123abc123", "iloveyou1234", "welcome12345",
            "letmein12345", "administrator", "administrator1", "changeme1234", "trustno1trustno1",
            "football1234", "monkey123456", "dragon123456", "sunshine1234", "princess1234",
            "correcthorsebatterystaple", "asdfghjkl123", "zaq12wsxcde3", "lozinka12345", "fjalekalimi1");

    /** Refuses a weak password with a 422 naming the field {@code password}. */
    public void check(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw weak("at least " + MIN_LENGTH + " characters are required");
        }
        if (password.length() > MAX_LENGTH) {
            throw weak("at most " + MAX_LENGTH + " characters are accepted");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw weak("the password must not contain the username");
        }
        if (COMMON.contains(lower)) {
            throw weak("this password is among the most commonly used; choose another");
        }
    }

    private static RuleViolation weak(String why) {
        return RuleViolation.ruleNotMet("password", "weak password: " + why);
    }
}
