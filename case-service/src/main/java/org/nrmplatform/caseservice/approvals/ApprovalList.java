package org.nrmplatform.caseservice.approvals;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalGranted;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRejected;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRequested;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalWithdrawn;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovedActionRefused;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The approvals of each organisation, for "approvals waiting for my organisation" and for the requester to follow
 * theirs: one document per approval in {@value #COLLECTION}, the request and the rejection's reason kept sealed
 * and opened for each answer. Each update carries the event's sequence number and applies only to an older
 * document, so a redelivered event changes nothing. Rebuildable while serving, like the case views.
 */
@Component
@ProcessingGroup(ApprovalList.NAME)
class ApprovalList extends RebuildableProjection {

    static final String NAME = "case-approvals";
    static final String COLLECTION = "case_approvals";

    /** An approval as answered: the held step's fields ({@code request}) opened, null where erased. */
    record ApprovalView(String approvalId, String caseId, String action, String status, String organisationId,
                        Map<String, Object> request, String requestedByUserId, String requestedByClientId,
                        String requestedByName, Instant requestedAt, String decidedByUserId, String decidedByName,
                        Instant decidedAt, String rejectionReason, String refusal, boolean erased) {

        ApprovalView named(Map<String, String> names) {
            return new ApprovalView(approvalId, caseId, action, status, organisationId, request, requestedByUserId,
                    requestedByClientId, requestedByUserId == null ? null : names.get(requestedByUserId), requestedAt,
                    decidedByUserId, decidedByUserId == null ? null : names.get(decidedByUserId), decidedAt,
                    rejectionReason, refusal, erased);
        }
    }

    record Page(List<ApprovalView> items, int page, int size, long total) {
    }

    private final MongoTemplate mongo;
    private final PersonalData personalData;
    private final ApprovalPeople people;

    ApprovalList(MongoTemplate mongo, ProjectionVersions versions, PersonalData personalData, ApprovalPeople people) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
        this.personalData = personalData;
        this.people = people;
    }

    @EventHandler
    void on(ApprovalRequested event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        Optional<Actor> requester = Actor.fromMetadata(metaData);
        Document approval = new Document("_id", event.approvalId().toString())
                .append("caseId", event.caseId().toString())
                .append("action", event.action().name())
                .append("status", ApprovalStatus.PENDING.name())
                .append("organisationId", event.organisationId())
                .append("request", mongo.getConverter().convertToMongoType(event.request()))
                .append("requestedByUserId", requester.map(Actor::userId).orElse(null))
                .append("requestedByClientId", requester.map(Actor::clientId).orElse(null))
                .append("requestedAt", at)
                .append("version", sequence);
        // saved by id: a repeated delivery writes the same document again
        mongo.save(approval, target());
    }

    @EventHandler
    void on(ApprovalGranted event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        decided(event.approvalId(), sequence, new Update().set("status", ApprovalStatus.EXECUTED.name())
                .set("decidedByUserId", metaData.get(Actor.USER_ID)).set("decidedAt", at));
    }

    @EventHandler
    void on(ApprovedActionRefused event, @SequenceNumber long sequence) {
        decided(event.approvalId(), sequence, new Update().set("status", ApprovalStatus.REFUSED.name())
                .set("refusal", event.reason()));
    }

    @EventHandler
    void on(ApprovalWithdrawn event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        // the requester decided: their own name is shown as who withdrew it
        decided(event.approvalId(), sequence, new Update().set("status", ApprovalStatus.WITHDRAWN.name())
                .set("decidedByUserId", metaData.get(Actor.USER_ID)).set("decidedAt", at));
    }

    @EventHandler
    void on(ApprovalRejected event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        decided(event.approvalId(), sequence, new Update().set("status", ApprovalStatus.REJECTED.name())
                .set("decidedByUserId", metaData.get(Actor.USER_ID)).set("decidedAt", at)
                .set("rejectionReason", mongo.getConverter().convertToMongoType(event.reason())));
    }

    /** Looked up by id, then updated by id (the embedded store uses an index only for an exact match). */
    private void decided(UUID approvalId, long sequence, Update update) {
        Document stored = mongo.findById(approvalId.toString(), Document.class, target());
        if (stored == null || stored.get("version", Number.class).longValue() >= sequence) {
            return;
        }
        mongo.updateFirst(Query.query(where("_id").is(approvalId.toString())), update.set("version", sequence),
                target());
    }

    /** The approvals of {@code organisationId} in {@code status}, oldest request first (the longest waiting). */
    Page list(String organisationId, ApprovalStatus status, int page, int size) {
        Criteria criteria = where("organisationId").is(organisationId).and("status").is(status.name());
        return page(criteria, Sort.by("requestedAt", "_id"), page, size);
    }

    /**
     * What {@code requester} asked for (a person's requests by their user id, an API client's by its client id),
     * in any state or in {@code status}, the latest first.
     */
    Page requestedBy(Actor requester, ApprovalStatus status, int page, int size) {
        Criteria criteria = where("organisationId").is(requester.organisationId());
        criteria = requester.userId() != null ? criteria.and("requestedByUserId").is(requester.userId())
                : criteria.and("requestedByUserId").is(null).and("requestedByClientId").is(requester.clientId());
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        return page(criteria, Sort.by(Sort.Direction.DESC, "requestedAt", "_id"), page, size);
    }

    private Page page(Criteria criteria, Sort order, int page, int size) {
        String collection = collection().current();
        long total = mongo.count(new Query(criteria), collection);
        Query query = new Query(criteria).with(order).skip((long) page * size).limit(size);
        PersonalData.Reading reading = personalData.reading();
        List<ApprovalView> opened = mongo.find(query, Document.class, collection).stream()
                .map(stored -> open(stored, reading)).toList();
        Map<String, String> names = people.names(opened.stream()
                .flatMap(view -> Stream.of(view.requestedByUserId(), view.decidedByUserId()))
                .toList());
        return new Page(opened.stream().map(view -> view.named(names)).toList(), page, size, total);
    }

    /** The approval, if it is {@code organisationId}'s. */
    Optional<ApprovalView> find(UUID approvalId, String organisationId) {
        return Optional.ofNullable(mongo.findById(approvalId.toString(), Document.class, collection().current()))
                .filter(stored -> organisationId.equals(stored.getString("organisationId")))
                .map(stored -> open(stored, personalData.reading()))
                .map(view -> view.named(people.names(Arrays.asList(view.requestedByUserId(),
                        view.decidedByUserId()))));
    }

    private static ApprovalView open(Document stored, PersonalData.Reading reading) {
        PersonalData.OpenedPayload opened = reading.openTree(stored, path -> switch (path) {
            case "request" -> PersonalField.APPROVAL_REQUEST;
            case "rejectionReason" -> PersonalField.APPROVAL_REJECTION_REASON;
            default -> throw new IllegalStateException("a sealed value at " + path + " of an approval");
        });
        Map<String, Object> approval = opened.payload();
        return new ApprovalView(text(approval, "_id"), text(approval, "caseId"), text(approval, "action"),
                text(approval, "status"), text(approval, "organisationId"),
                HeldSteps.fields(text(approval, "request")), text(approval, "requestedByUserId"),
                text(approval, "requestedByClientId"), null, instant(approval.get("requestedAt")),
                text(approval, "decidedByUserId"), null, instant(approval.get("decidedAt")),
                text(approval, "rejectionReason"), text(approval, "refusal"), opened.erased());
    }

    private static String text(Map<String, Object> document, String field) {
        Object value = document.get(field);
        return value == null ? null : value.toString();
    }

    private static Instant instant(Object stored) {
        return stored instanceof java.util.Date date ? date.toInstant() : (Instant) stored;
    }
}
