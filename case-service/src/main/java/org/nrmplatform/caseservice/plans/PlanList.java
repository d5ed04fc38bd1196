package org.nrmplatform.caseservice.plans;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
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
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.AssistancePlanStarted;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.NeedAssessed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanAgreed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanGoalSet;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanReviewEscalated;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanReviewed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanServiceAgreed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanServiceReferred;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Each case's assistance plan, one document per plan in {@value #COLLECTION}, texts kept sealed and opened for each
 * answer. The case's case managers read it whole; a service provider only the services it is responsible for
 * (docs/need-to-know.md). Knows which reviews are due, for {@link PlanReviewWatch}. Rebuildable while serving.
 */
@Component
@ProcessingGroup(PlanList.NAME)
class PlanList extends RebuildableProjection {

    static final String NAME = "assistance-plans";
    static final String COLLECTION = "assistance_plans";

    record NeedView(String needId, String domain, String description, Instant assessedAt) {
    }

    record GoalView(String goalId, String needId, String description, String targetDate) {
    }

    /** {@code referralId}: the referral made of the service, once made (its state: referral-service's). */
    record ServiceView(String serviceId, String needId, String serviceType, String providerOrganisationId,
                       String targetDate, String referralId) {
    }

    /** {@code current}: the plan has not changed since the person agreed to it. */
    record AgreementView(String agreedOn, String form, String withWhom, String note, Instant recordedAt,
                         String recordedByUserId, boolean current) {
    }

    record ReviewView(Instant reviewedAt, String reviewedByUserId, String note, Instant nextReviewDueAt) {
    }

    /**
     * A plan as answered; for a provider, {@code needs}, {@code goals}, {@code agreement} and {@code reviews} are
     * empty and {@code partial} true. {@code reviewEscalatedAt}: when the review due at {@code reviewDueAt} was
     * escalated, if it was.
     */
    record PlanView(String planId, String caseId, String organisationId, Instant startedAt, Instant reviewDueAt,
                    Instant reviewEscalatedAt, boolean partial, List<NeedView> needs, List<GoalView> goals,
                    List<ServiceView> services, AgreementView agreement, List<ReviewView> reviews, boolean erased) {
    }

    private final MongoTemplate mongo;
    private final PersonalData personalData;

    PlanList(MongoTemplate mongo, ProjectionVersions versions, PersonalData personalData) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
        this.personalData = personalData;
    }

    @EventHandler
    void on(AssistancePlanStarted event, @Timestamp Instant at) {
        // written only where absent: a repeated delivery leaves what later events added
        mongo.upsert(byId(event.planId()), new Update().setOnInsert("caseId", event.caseId().toString())
                .setOnInsert("organisationId", event.organisationId()).setOnInsert("startedAt", at)
                .setOnInsert("reviewDueAt", event.reviewDueAt()).setOnInsert("reviewEscalatedAt", null)
                .setOnInsert("caseClosed", false).setOnInsert("needs", List.of()).setOnInsert("goals", List.of())
                .setOnInsert("services", List.of()).setOnInsert("providers", List.of())
                .setOnInsert("reviews", List.of()).setOnInsert("agreement", null), target());
    }

    @EventHandler
    void on(NeedAssessed event, @Timestamp Instant at) {
        appendOnce(event.planId(), "needs", "needId", event.needId(), new Document("needId",
                event.needId().toString()).append("domain", event.domain())
                .append("description", sealed(event.description())).append("assessedAt", at));
    }

    @EventHandler
    void on(PlanGoalSet event) {
        appendOnce(event.planId(), "goals", "goalId", event.goalId(), new Document("goalId", event.goalId().toString())
                .append("needId", text(event.needId())).append("description", sealed(event.description()))
                .append("targetDate", text(event.targetDate())));
    }

    @EventHandler
    void on(PlanServiceAgreed event) {
        appendOnce(event.planId(), "services", "serviceId", event.serviceId(), new Document("serviceId",
                event.serviceId().toString()).append("needId", text(event.needId()))
                .append("serviceType", event.serviceType())
                .append("providerOrganisationId", event.providerOrganisationId())
                .append("targetDate", text(event.targetDate())).append("referralId", null));
        mongo.updateFirst(byId(event.planId()), new Update().addToSet("providers", event.providerOrganisationId()),
                target());
    }

    @EventHandler
    void on(PlanServiceReferred event) {
        mongo.updateFirst(new Query(where("_id").is(event.planId().toString())
                        .and("services.serviceId").is(event.serviceId().toString())),
                new Update().set("services.$.referralId", event.referralId().toString()), target());
    }

    @EventHandler
    void on(PlanAgreed event, MetaData metaData, @Timestamp Instant at) {
        mongo.updateFirst(byId(event.planId()), new Update().set("agreement", new Document("agreedOn",
                event.agreedOn().toString()).append("form", event.form())
                .append("withWhom", sealed(event.withWhom())).append("note", sealed(event.note()))
                .append("planRevision", event.planRevision()).append("recordedAt", at)
                .append("recordedByUserId", userOf(metaData))), target());
    }

    @EventHandler
    void on(PlanReviewed event, MetaData metaData, @Timestamp Instant at) {
        Document review = new Document("reviewedAt", at).append("reviewedByUserId", userOf(metaData))
                .append("note", sealed(event.note())).append("nextReviewDueAt", event.nextReviewDueAt());
        Query notYet = new Query(where("_id").is(event.planId().toString()).and("reviews.reviewedAt").ne(at));
        mongo.updateFirst(notYet, new Update().push("reviews", review).set("reviewDueAt", event.nextReviewDueAt())
                .set("reviewEscalatedAt", null), target());
    }

    @EventHandler
    void on(PlanReviewEscalated event, @Timestamp Instant at) {
        mongo.updateFirst(new Query(where("_id").is(event.planId().toString()).and("reviewDueAt")
                .is(event.reviewDueAt())), new Update().set("reviewEscalatedAt", at), target());
    }

    /** A closed case's plan is no longer reviewed: its reviews are not escalated. */
    @EventHandler
    void on(CaseClosed event) {
        mongo.updateFirst(new Query(where("caseId").is(event.caseId().toString())),
                new Update().set("caseClosed", true), target());
    }

    /** The plans whose review was due by {@code now}, not held and not yet escalated, of cases still open. */
    List<UUID> reviewsOverdue(Instant now) {
        Query query = new Query(where("reviewDueAt").lte(now).and("reviewEscalatedAt").is(null)
                .and("caseClosed").is(false));
        query.fields().include("_id");
        return mongo.find(query, Document.class, collection().current()).stream()
                .map(stored -> UUID.fromString(stored.getString("_id"))).toList();
    }

    /** The plan of the case as the actor may read it; {@code access}: the case's, if it exists. */
    Optional<PlanView> find(UUID planId, Actor actor, Optional<CaseAccess> access) {
        Document stored = mongo.findById(planId.toString(), Document.class, collection().current());
        if (stored == null) {
            return Optional.empty();
        }
        if (wholeFor(actor, access)) {
            return Optional.of(open(stored, null));
        }
        if (actor.has(Role.SERVICE_PROVIDER)
                && stored.getList("providers", String.class).contains(actor.organisationId())) {
            return Optional.of(open(stored, actor.organisationId()));
        }
        return Optional.empty();
    }

    /** The case's case managers, who hold the relationship with the person. */
    static boolean wholeFor(Actor actor, Optional<CaseAccess> access) {
        return actor.has(Role.CASE_MANAGER) && access.map(found -> found.grants(Role.CASE_MANAGER, actor))
                .orElse(false);
    }

    /** {@code provider}: null for the whole plan, else the provider whose services alone are shown. */
    @SuppressWarnings("unchecked")
    private PlanView open(Document stored, String provider) {
        Document shown = new Document(stored);
        if (provider != null) {
            shown.put("needs", List.of());
            shown.put("goals", List.of());
            shown.put("reviews", List.of());
            shown.put("agreement", null);
            shown.put("services", stored.getList("services", Document.class).stream()
                    .filter(service -> provider.equals(service.getString("providerOrganisationId"))).toList());
        }
        PersonalData.OpenedPayload opened = personalData.reading().openTree(shown, path -> switch (path) {
            case "needs.description" -> PersonalField.PLAN_NEED;
            case "goals.description" -> PersonalField.PLAN_GOAL;
            case "agreement.withWhom" -> PersonalField.PLAN_AGREED_WITH;
            case "agreement.note" -> PersonalField.PLAN_AGREEMENT_NOTE;
            case "reviews.note" -> PersonalField.PLAN_REVIEW_NOTE;
            default -> throw new IllegalStateException("a sealed value at " + path + " of a plan");
        });
        Map<String, Object> plan = opened.payload();
        int revision = stored.getList("needs", Document.class).size() + stored.getList("goals", Document.class).size()
                + stored.getList("services", Document.class).size();
        List<NeedView> needs = maps(plan.get("needs")).stream().map(need -> new NeedView(text(need, "needId"),
                text(need, "domain"), text(need, "description"), instant(need.get("assessedAt")))).toList();
        List<GoalView> goals = maps(plan.get("goals")).stream().map(goal -> new GoalView(text(goal, "goalId"),
                text(goal, "needId"), text(goal, "description"), text(goal, "targetDate"))).toList();
        List<ServiceView> services = maps(plan.get("services")).stream().map(service -> new ServiceView(
                text(service, "serviceId"), text(service, "needId"), text(service, "serviceType"),
                text(service, "providerOrganisationId"), text(service, "targetDate"), text(service, "referralId")))
                .toList();
        AgreementView agreement = null;
        if (plan.get("agreement") instanceof Map<?, ?> agreed) {
            agreement = new AgreementView(text(agreed, "agreedOn"), text(agreed, "form"), text(agreed, "withWhom"),
                    text(agreed, "note"), instant(agreed.get("recordedAt")), text(agreed, "recordedByUserId"),
                    ((Number) agreed.get("planRevision")).intValue() == revision);
        }
        List<ReviewView> reviews = new ArrayList<>(maps(plan.get("reviews")).stream().map(review -> new ReviewView(
                instant(review.get("reviewedAt")), text(review, "reviewedByUserId"), text(review, "note"),
                instant(review.get("nextReviewDueAt")))).toList());
        return new PlanView(text(plan, "_id"), text(plan, "caseId"), text(plan, "organisationId"),
                instant(plan.get("startedAt")), instant(plan.get("reviewDueAt")),
                instant(plan.get("reviewEscalatedAt")), provider != null, needs, goals, services, agreement, reviews,
                opened.erased());
    }

    private void appendOnce(UUID planId, String list, String idField, UUID id, Document entry) {
        // a repeated delivery finds the entry there already
        mongo.updateFirst(new Query(where("_id").is(planId.toString()).and(list + "." + idField).ne(id.toString())),
                new Update().push(list, entry), target());
    }

    private static Query byId(UUID planId) {
        return new Query(where("_id").is(planId.toString()));
    }

    private static String userOf(MetaData metaData) {
        return Actor.fromMetadata(metaData).map(Actor::userId).orElse(null);
    }

    private Object sealed(Sealed value) {
        return value == null ? null : mongo.getConverter().convertToMongoType(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(entry -> (Map<String, Object>) entry).toList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String text(Map<?, ?> document, String field) {
        return text(document.get(field));
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : (Instant) stored;
    }
}
