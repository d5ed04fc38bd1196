package org.nrmplatform.caseservice.feedback;

/**
 * A feedback link that cannot be used: unknown, used, expired or revoked. One refusal for all four, with one
 * message, so that whoever holds a token learns nothing of which it is (nor of the case).
 */
public class FeedbackLinkUnusable extends RuntimeException {

    static final String MESSAGE = "This feedback link cannot be used: it is not known, was already used, has "
            + "expired or was taken back. Ask the person who gave it to you for a new one.";

    FeedbackLinkUnusable() {
        super(MESSAGE);
    }
}
