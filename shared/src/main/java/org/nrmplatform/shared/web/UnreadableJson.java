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

    /** Read, but not {@code what}: {@code reason} says why, in the caller's words. */
    public UnreadableJson(String what, String reason) {
        super(reason);
        this.what = what;
    }

    public String what() {
        return what;
    }

    /** The parser's failure, or null when the JSON was read but is not of the expected shape. */
    public JacksonException jacksonCause() {
        return getCause() instanceof JacksonException jackson ? jackson : null;
    }
}
