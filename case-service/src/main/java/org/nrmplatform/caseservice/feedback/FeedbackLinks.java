package org.nrmplatform.caseservice.feedback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.nrmplatform.caseservice.cases.CaseCommands.RequireWorkable;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.CheckFeedbackLink;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.GiveFeedback;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.IssueFeedbackLink;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.RecordFeedback;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.RevokeFeedbackLink;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Feedback links and feedback recorded by the case manager. A link's token is 256 random bits, shown once; only its
 * SHA-256 is stored, and the request's id is made of that hash, so the token finds its request without a view that
 * could lag behind (the person may open the link the moment it is issued). The case is asked first when the case
 * manager acts (in scope, open); the person, who has no account, is answered only by the link's own record.
 */
@Component
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackLinks {

    /** The link's answer to the case manager: the token appears here and nowhere else. */
    record Issued(UUID feedbackId, UUID caseId, String token, Instant expiresAt, String language) {
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final CommandGateway commands;
    private final FeedbackProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    FeedbackLinks(CommandGateway commands, FeedbackProperties properties, Clock clock) {
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    UUID record(UUID caseId, Map<String, String> answers, String comment, String language) {
        commands.sendAndWait(new RequireWorkable(caseId));
        UUID feedbackId = UUID.randomUUID();
        commands.sendAndWait(new RecordFeedback(feedbackId, caseId, answers, comment, language));
        return feedbackId;
    }

    Issued issue(UUID caseId, String language) {
        commands.sendAndWait(new RequireWorkable(caseId));
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] hash = sha256(token);
        UUID feedbackId = idOf(hash);
        Instant expiresAt = clock.instant().plus(properties.linkValidity());
        commands.sendAndWait(new IssueFeedbackLink(feedbackId, caseId, HexFormat.of().formatHex(hash), expiresAt,
                language));
        return new Issued(feedbackId, caseId, token, expiresAt, language);
    }

    void revoke(UUID caseId, UUID feedbackId) {
        commands.sendAndWait(new RequireWorkable(caseId));
        try {
            commands.sendAndWait(new RevokeFeedbackLink(feedbackId, caseId));
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            throw new AggregateNotFoundException(feedbackId.toString(), "No feedback link " + feedbackId);
        }
    }

    /** The link's language, if it can be used; else {@link FeedbackLinkUnusable}. */
    String check(String token) {
        return onLink(token, (id, hash) -> commands.sendAndWait(new CheckFeedbackLink(id, hash)));
    }

    void give(String token, Map<String, String> answers, String comment, String language) {
        onLink(token, (id, hash) -> commands.sendAndWait(new GiveFeedback(id, hash, answers, comment, language)));
    }

    private interface LinkCommand {
        Object send(UUID feedbackId, String tokenHash);
    }

    private String onLink(String token, LinkCommand command) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new FeedbackLinkUnusable();
        }
        byte[] hash = sha256(token);
        try {
            Object answer = command.send(idOf(hash), HexFormat.of().formatHex(hash));
            return answer == null ? null : answer.toString();
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            throw new FeedbackLinkUnusable();
        }
    }

    private static UUID idOf(byte[] hash) {
        ByteBuffer bytes = ByteBuffer.wrap(hash);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException absent) {
            throw new IllegalStateException("every Java runtime has SHA-256", absent);
        }
    }
}
