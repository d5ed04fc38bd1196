package org.nrmplatform.shared.web;

import tools.jackson.core.JacksonException;

/**
 * JSON from a client that the service reads itself (not as the request body Spring binds), and that is
 * not what it should be. {@link ProblemResponses} answers 400 naming the field and what was expected, as
 * for a request body, without the parser's own message (which names Java classes).
 */
public class UnreadableJson extends RuntimeException {

    private final String what;

    /** @param what what the JSON should have been, in the caller's words, e.g. "a transnational referral packet" */
    public UnreadableJson(String what, JacksonException cause) {
        super(what + " could not be read", cause);
        this.what = what;
    }

    public String what() {
        return what;
    }

    public JacksonException jacksonCause() {
        return (JacksonException) getCause();
    }
}
