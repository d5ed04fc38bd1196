package org.nrmplatform.caseservice.feedback;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.CheckFeedbackLink;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.GiveFeedback;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.IssueFeedbackLink;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.RecordFeedback;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.RevokeFeedbackLink;
import org.nrmplatform.contracts.feedback.FeedbackEvents.Answer;
import org.nrmplatform.contracts.feedback.FeedbackEvents.Channel;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackGiven;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackLinkIssued;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackLinkRevoked;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;

/**
 * One request for the person's feedback on the assistance received: either recorded at once by the case manager,
 * or a one-time link issued to the person, then given through it (once, before it expires, unless revoked). The
 * answers and the comment are sealed with the case's key, so the case's erasure erases them; a link of an erased
 * case can no longer be used. Every refusal of a link is the same {@link FeedbackLinkUnusable}.
 */
@Aggregate
public class Feedback {

    static final String QUESTIONS = "feedback-question";
    static final String ANSWERS = "feedback-answer";
    static final int MAX_COMMENT = 4000;

    @AggregateIdentifier
    private UUID feedbackId;
    private UUID caseId;
    private String tokenHash;
    private Instant expiresAt;
    private String language;
    private boolean given;
    private boolean revoked;

    protected Feedback() {
        // required by Axon to rebuild the request from its events
    }

    @CommandHandler
    public Feedback(RecordFeedback command, CodeLists codeLists, PersonalData personalData, MetaData metaData) {
        Actor.fromMetadata(metaData).orElseThrow(() -> new IllegalStateException("feedback is recorded by an actor"));
        apply(given(command.feedbackId(), command.caseId(), Channel.CASE_MANAGER, command.answers(),
                command.comment(), command.language(), codeLists, personalData));
    }

    @CommandHandler
    public Feedback(IssueFeedbackLink command, Clock clock, MetaData metaData) {
        Actor actor = Actor.fromMetadata(metaData)
                .orElseThrow(() -> new IllegalStateException("a feedback link is issued by an actor"));
        if (!command.expiresAt().isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("expiresAt", "a link expires in the future");
        }
        apply(new FeedbackLinkIssued(command.feedbackId(), command.caseId(), actor.organisationId(),
                command.tokenHash(), command.expiresAt(), command.language()));
    }

    /** Answers the language the link was issued in. */
    @CommandHandler
    public String handle(CheckFeedbackLink command, Clock clock, PersonalData personalData) {
        requireUsable(command.tokenHash(), clock, personalData);
        return language;
    }

    @CommandHandler
    public void handle(GiveFeedback command, Clock clock, CodeLists codeLists, PersonalData personalData) {
        requireUsable(command.tokenHash(), clock, personalData);
        apply(given(feedbackId, caseId, Channel.LINK, command.answers(), command.comment(), command.language(),
                codeLists, personalData));
    }

    @CommandHandler
    public void handle(RevokeFeedbackLink command) {
        if (tokenHash == null || !caseId.equals(command.caseId())) {
            throw RuleViolation.stateDoesNotAllow("no feedback link " + feedbackId + " of case " + command.caseId());
        }
        if (given) {
            throw RuleViolation.stateDoesNotAllow("the feedback was given through this link: it is used already");
        }
        if (!revoked) {
            apply(new FeedbackLinkRevoked(feedbackId, caseId));
        }
    }

    private void requireUsable(String hash, Clock clock, PersonalData personalData) {
        // compared in constant time, though the hash of a guessed token tells nothing of the stored one
        boolean known = tokenHash != null && hash != null && MessageDigest.isEqual(
                tokenHash.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
        if (!known || given || revoked || !clock.instant().isBefore(expiresAt)
                || personalData.erased(caseId.toString())) {
            throw new FeedbackLinkUnusable();
        }
    }

    private static FeedbackGiven given(UUID feedbackId, UUID caseId, Channel channel, Map<String, String> answers,
                                       String comment, String language, CodeLists codeLists,
                                       PersonalData personalData) {
        boolean noComment = comment == null || comment.isBlank();
        if (answers.isEmpty() && noComment) {
            throw RuleViolation.ruleNotMet("answers", "answer at least one question or write a comment");
        }
        if (!noComment && comment.length() > MAX_COMMENT) {
            throw RuleViolation.ruleNotMet("comment", "at most " + MAX_COMMENT + " characters");
        }
        PersonalData.Sealing sealing = personalData.sealing(caseId.toString());
        List<Answer> sealed = new ArrayList<>();
        // in the questionnaire's order, whatever order they came in
        for (var question : codeLists.get(QUESTIONS).values()) {
            String answer = answers.get(question.code());
            if (answer != null) {
                codeLists.requireCode(ANSWERS, answer, "answers." + question.code());
                sealed.add(new Answer(question.code(), sealing.seal(PersonalField.FEEDBACK_ANSWER, answer)));
            }
        }
        for (String question : answers.keySet()) {
            codeLists.requireCode(QUESTIONS, question, "answers");
        }
        return new FeedbackGiven(feedbackId, caseId, channel, List.copyOf(sealed),
                noComment ? null : sealing.seal(PersonalField.FEEDBACK_COMMENT, comment.strip()), language);
    }

    @EventSourcingHandler
    void on(FeedbackLinkIssued event) {
        feedbackId = event.feedbackId();
        caseId = event.caseId();
        tokenHash = event.tokenHash();
        expiresAt = event.expiresAt();
        language = event.language();
    }

    @EventSourcingHandler
    void on(FeedbackGiven event) {
        feedbackId = event.feedbackId();
        caseId = event.caseId();
        given = true;
    }

    @EventSourcingHandler
    void on(FeedbackLinkRevoked event) {
        revoked = true;
    }
}
