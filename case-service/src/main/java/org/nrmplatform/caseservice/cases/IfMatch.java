package org.nrmplatform.caseservice.cases;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The case version a writer last saw, from its If-Match header: for every endpoint that writes to a case. */
public final class IfMatch {

    private IfMatch() {
    }

    /** The version in an If-Match header ("3", W/"3" or 3), or null when the caller sent none; else 400. */
    public static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "If-Match must hold the case version from a previous answer, e.g. \"3\"");
        }
    }
}
