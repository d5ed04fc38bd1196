package org.nrmplatform.contracts.feedback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What became of a request for the person's feedback on the assistance received: a one-time link issued to the
 * person (only the SHA-256 of its token is kept), revoked, or the feedback given, through that link or recorded by
 * the case manager. Questions (code list {@code feedback-question}) stay in clear; each answer (code list
 * {@code feedback-answer}) and the comment, the person's own words, are sealed with the case's key.
 */
public final class FeedbackEvents {

    private FeedbackEvents() {
    }

    /** How the feedback reached the case. */
    public enum Channel { CASE_MANAGER, LINK }

    /** One question of the questionnaire and the person's answer to it (sealed). */
    public record Answer(String question, Sealed answer) {
    }

    /**
     * {@code tokenHash}: hex SHA-256 of the link's token, never the token; {@code language}: the language the page
     * opens in (the person may switch it).
     */
    @Revision("1")
    public record FeedbackLinkIssued(UUID feedbackId, UUID caseId, String issuedByOrganisationId, String tokenHash,
                                     Instant expiresAt, String language) {
    }

    @Revision("1")
    public record FeedbackLinkRevoked(UUID feedbackId, UUID caseId) {
    }

    /** {@code language}: the language the questions were asked in. */
    @Revision("1")
    public record FeedbackGiven(UUID feedbackId, UUID caseId, Channel channel, List<Answer> answers, Sealed comment,
                                String language) {
    }
}
