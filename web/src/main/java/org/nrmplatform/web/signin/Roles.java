package org.nrmplatform.web.signin;

/** The platform's role names (identity-service, docs/need-to-know.md) as the pages use them. */
public final class Roles {

    public static final String FIRST_LINE = "first-line";
    public static final String CASE_MANAGER = "case-manager";
    public static final String IDENTIFICATION_AUTHORITY = "identification-authority";
    public static final String SERVICE_PROVIDER = "service-provider";
    public static final String PROSECUTOR = "prosecutor";
    public static final String MONITOR = "monitor";
    public static final String OPERATOR = "operator";
    public static final String ADMINISTRATOR = "administrator";
    /** Held beside a work role: decides on the steps its organisation's people ask for (four eyes). */
    public static final String APPROVER = "approver";

    private Roles() {
    }
}
