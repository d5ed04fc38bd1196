package org.nrmplatform.contracts.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person or agency system may do on the platform (PRODUCT.md §2). {@link #code()} is the name
 * used in tokens, in the API and on the command line.
 */
public enum Role {
    FIRST_LINE("first-line"),
    IDENTIFICATION_AUTHORITY("identification-authority"),
    CASE_MANAGER("case-manager"),
    SERVICE_PROVIDER("service-provider"),
    PROSECUTOR("prosecutor"),
    MONITOR("monitor"),
    OPERATOR("operator"),
    ADMINISTRATOR("administrator"),
    /**
     * Approves or rejects the steps its organisation's people request where the installation needs a second
     * person (four eyes); held beside a person's work role, never by an API client.
     */
    APPROVER("approver");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The Spring Security authority for the role, e.g. ROLE_CASE_MANAGER. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code.equals(code)).findFirst();
    }
}
