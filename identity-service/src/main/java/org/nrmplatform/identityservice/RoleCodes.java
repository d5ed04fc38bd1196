package org.nrmplatform.identityservice;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.domain.RuleViolation;

/** Role codes as the API speaks them (see {@link Role#code()}), turned into roles or refused by name. */
public final class RoleCodes {

    private RoleCodes() {
    }

    public static List<Role> parse(Collection<String> codes, String field) {
        List<String> unknown = codes.stream().filter(code -> Role.fromCode(code).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw unknown(unknown, field);
        }
        return codes.stream().map(Role::fromCode).flatMap(Optional::stream).distinct().toList();
    }

    public static Role parse(String code, String field) {
        return Role.fromCode(code).orElseThrow(() -> unknown(List.of(code), field));
    }

    private static RuleViolation unknown(List<String> codes, String field) {
        return RuleViolation.ruleNotMet(field, "unknown role code(s) " + codes + "; the roles are "
                + Arrays.stream(Role.values()).map(Role::code).toList());
    }
}
