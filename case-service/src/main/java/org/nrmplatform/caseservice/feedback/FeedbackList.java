package org.nrmplatform.caseservice.feedback;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackGiven;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackLinkIssued;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackLinkRevoked;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The feedback requests of each case, one document per request in {@value #COLLECTION}: links issued (never their
 * token), revoked, and the feedback given, its answers and comment kept sealed and opened for each answer. Read by
 * the case's case managers only (docs/need-to-know.md): the person's own words about the help received are for
 * those who arrange it. Rebuildable while serving, like the case views.
 */
@Component
@ProcessingGroup(FeedbackList.NAME)
class FeedbackList extends RebuildableProjection {

    static final String NAME = "case-feedback";
    static final String COLLECTION = "case_feedback";

    /** How a request stands: a link waiting, expired, taken back, or the feedback given. */
    enum Status { LINK_ISSUED, LINK_EXPIRED, LINK_REVOKED, GIVEN }

    record AnswerView(String question, String answer) {
    }

    /**
     * A request as answered: {@code channel} CASE_MANAGER or LINK once given; {@code erased} when the case's
     * erasure made the answers unreadable.
     */
    record FeedbackView(String feedbackId, String caseId, Status status, String channel, Instant issuedAt,
                        String issuedByOrganisationId, String issuedByUserId, Instant expiresAt, Instant givenAt,
                        String language, List<AnswerView> answers, String comment, boolean erased) {
    }

    private final MongoTemplate mongo;
    private final PersonalData personalData;
    private final Clock clock;

    FeedbackList(MongoTemplate mongo, ProjectionVersions versions, PersonalData personalData, Clock clock) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
        this.personalData = personalData;
        this.clock = clock;
    }

    @EventHandler
    void on(FeedbackLinkIssued event, MetaData metaData, @Timestamp Instant at) {
        // set, never replaced: a redelivered issue leaves a later use or revocation as it is
        mongo.upsert(Query.query(where("_id").is(event.feedbackId().toString())), new Update()
                .set("caseId", event.caseId().toString())
                .set("issuedAt", at)
                .set("issuedByOrganisationId", event.issuedByOrganisationId())
                .set("issuedByUserId", Actor.fromMetadata(metaData).map(Actor::userId).orElse(null))
                .set("expiresAt", event.expiresAt())
                .set("language", event.language()), target());
    }

    @EventHandler
    void on(FeedbackLinkRevoked event, @Timestamp Instant at) {
        mongo.upsert(Query.query(where("_id").is(event.feedbackId().toString())), new Update()
                .set("caseId", event.caseId().toString()).set("revokedAt", at), target());
    }

    @EventHandler
    void on(FeedbackGiven event, MetaData metaData, @Timestamp Instant at) {
        Update update = new Update()
                .set("caseId", event.caseId().toString())
                .set("channel", event.channel().name())
                .set("givenAt", at)
                .set("answerLanguage", event.language())
                .set("answers", event.answers().stream().map(answer -> new Document("question", answer.question())
                        .append("answer", sealed(answer.answer()))).toList())
                .set("comment", sealed(event.comment()));
        Actor.fromMetadata(metaData).ifPresent(actor -> update
                .set("issuedAt", at)
                .set("issuedByOrganisationId", actor.organisationId())
                .set("issuedByUserId", actor.userId()));
        mongo.upsert(Query.query(where("_id").is(event.feedbackId().toString())), update, target());
    }

    /** The case's feedback requests, latest first, if the actor is one of its case managers. */
    List<FeedbackView> ofCase(UUID caseId, Actor actor, Optional<CaseAccess> access) {
        if (!reads(actor, access)) {
            return List.of();
        }
        Query query = new Query(where("caseId").is(caseId.toString()))
                .with(Sort.by(Sort.Direction.DESC, "issuedAt"));
        PersonalData.Reading reading = personalData.reading();
        Instant now = clock.instant();
        return mongo.find(query, Document.class, collection().current()).stream()
                .map(stored -> open(stored, reading, now)).toList();
    }

    /** The case's case managers, whose view is the whole case. */
    static boolean reads(Actor actor, Optional<CaseAccess> access) {
        return actor.has(Role.CASE_MANAGER) && access.map(found -> found.grants(Role.CASE_MANAGER, actor)).orElse(false);
    }

    private static FeedbackView open(Document stored, PersonalData.Reading reading, Instant now) {
        PersonalData.OpenedPayload opened = reading.openTree(stored, path -> switch (path) {
            case "answers.answer" -> PersonalField.FEEDBACK_ANSWER;
            case "comment" -> PersonalField.FEEDBACK_COMMENT;
            default -> throw new IllegalStateException("a sealed value at " + path + " of feedback");
        });
        Map<String, Object> feedback = opened.payload();
        Instant expiresAt = instant(feedback.get("expiresAt"));
        Status status = feedback.get("givenAt") != null ? Status.GIVEN
                : feedback.get("revokedAt") != null ? Status.LINK_REVOKED
                : expiresAt != null && !now.isBefore(expiresAt) ? Status.LINK_EXPIRED : Status.LINK_ISSUED;
        List<AnswerView> answers = feedback.get("answers") == null ? List.of()
                : ((List<?>) feedback.get("answers")).stream().map(Map.class::cast)
                        .map(answer -> new AnswerView(text(answer, "question"), text(answer, "answer"))).toList();
        return new FeedbackView(text(feedback, "_id"), text(feedback, "caseId"), status, text(feedback, "channel"),
                instant(feedback.get("issuedAt")), text(feedback, "issuedByOrganisationId"),
                text(feedback, "issuedByUserId"), expiresAt, instant(feedback.get("givenAt")),
                text(feedback, "language"), answers, text(feedback, "comment"), opened.erased());
    }

    private Object sealed(Sealed value) {
        return value == null ? null : mongo.getConverter().convertToMongoType(value);
    }

    private static String text(Map<?, ?> document, String field) {
        Object value = document.get(field);
        return value == null ? null : value.toString();
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : (Instant) stored;
    }
}
