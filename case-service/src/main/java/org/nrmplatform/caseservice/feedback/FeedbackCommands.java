package org.nrmplatform.caseservice.feedback;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a request for the person's feedback; who sends them (if anyone signed in) is in their metadata. */
public final class FeedbackCommands {

    private FeedbackCommands() {
    }

    /**
     * The case manager records what the person said; {@code answers}: question code to answer code, in clear
     * until the feedback seals them.
     */
    public record RecordFeedback(@TargetAggregateIdentifier UUID feedbackId, UUID caseId, Map<String, String> answers,
                                 String comment, String language) {
    }

    /** A link for the person; {@code tokenHash}: hex SHA-256 of its token, which only the answer carries. */
    public record IssueFeedbackLink(@TargetAggregateIdentifier UUID feedbackId, UUID caseId, String tokenHash,
                                    Instant expiresAt, String language) {
    }

    /** Whether the link can still be used: answered with its language, refused as any unusable link is. */
    public record CheckFeedbackLink(@TargetAggregateIdentifier UUID feedbackId, String tokenHash) {
    }

    /** The person's feedback through the link, without signing in. */
    public record GiveFeedback(@TargetAggregateIdentifier UUID feedbackId, String tokenHash,
                               Map<String, String> answers, String comment, String language) {
    }

    /** The case manager takes a link back before it is used. */
    public record RevokeFeedbackLink(@TargetAggregateIdentifier UUID feedbackId, UUID caseId) {
    }
}
