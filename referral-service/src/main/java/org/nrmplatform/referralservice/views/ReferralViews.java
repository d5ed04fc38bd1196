package org.nrmplatform.referralservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Who sees which referral: a provider's service-provider staff the referrals to it (its inbox, in the
 * provider's shape), first-line professionals and case managers those their organisation made (its outbox,
 * whole). Any other referral does not exist for the caller. Free texts are opened as they are read.
 */
@Component
public class ReferralViews {

    public record Page(List<Object> items, int page, int size, long total) {
    }

    /** Where the views keep the sealed texts that say how a referral ended. */
    static final String DECLINE_NOTE = "declineNote";
    static final String WITHDRAWAL_REASON = "withdrawalReason";
    static final String COMPLETION_OUTCOME = "completionOutcome";
    private static final Map<String, PersonalField> SEALED_FIELDS = Map.of(
            "note", PersonalField.REFERRAL_NOTE,
            DECLINE_NOTE, PersonalField.DECLINE_NOTE,
            WITHDRAWAL_REASON, PersonalField.WITHDRAWAL_REASON,
            COMPLETION_OUTCOME, PersonalField.COMPLETION_OUTCOME,
            "steps.deliveredBy", PersonalField.STEP_DELIVERED_BY,
            "steps.outcome", PersonalField.STEP_OUTCOME);

    private final MongoTemplate mongo;
    private final PersonalData personalData;

    public ReferralViews(MongoTemplate mongo, PersonalData personalData) {
        this.mongo = mongo;
        this.personalData = personalData;
    }

    public Optional<Object> find(UUID referralId, Actor actor) {
        return Optional.ofNullable(mongo.findById(referralId.toString(), Document.class, ReferralView.COLLECTION))
                .map(stored -> open(stored, personalData.reading()))
                .flatMap(view -> shapedFor(view, actor));
    }

    public Page list(Actor actor, UUID caseId, ReferralStatus status, int page, int size) {
        List<Criteria> visible = new ArrayList<>();
        if (actor.has(Role.SERVICE_PROVIDER)) {
            visible.add(where("providerOrganisationId").is(actor.organisationId()));
        }
        if (referrer(actor)) {
            visible.add(where("referringOrganisationId").is(actor.organisationId()));
        }
        if (visible.isEmpty()) {
            return new Page(List.of(), page, size, 0);
        }
        Criteria criteria = new Criteria().orOperator(visible);
        List<Criteria> filters = new ArrayList<>(List.of(criteria));
        if (caseId != null) {
            filters.add(where("caseId").is(caseId.toString()));
        }
        if (status != null) {
            filters.add(where("status").is(status));
        }
        Criteria filtered = new Criteria().andOperator(filters);
        Query query = new Query(filtered).with(Sort.by(Sort.Direction.DESC, "requestedAt"))
                .skip((long) page * size).limit(size);
        PersonalData.Reading reading = personalData.reading();
        List<Object> items = mongo.find(query, Document.class, ReferralView.COLLECTION).stream()
                .map(stored -> shapedFor(open(stored, reading), actor).orElseThrow()).toList();
        return new Page(items, page, size, mongo.count(new Query(filtered), ReferralView.COLLECTION));
    }

    /** Referrals of the caller's organisation that passed their respond-by instant unanswered. */
    public List<ReferralView> overdue(Actor actor) {
        Query query = new Query(where("referringOrganisationId").is(actor.organisationId())
                .and("status").is(ReferralStatus.REQUESTED).and("escalatedAt").ne(null))
                .with(Sort.by("respondBy"));
        PersonalData.Reading reading = personalData.reading();
        return mongo.find(query, Document.class, ReferralView.COLLECTION).stream()
                .map(stored -> open(stored, reading)).toList();
    }

    @QueryHandler
    Optional<Object> handle(ReferralQueries.FindReferral query) {
        return find(query.referralId(), query.actor());
    }

    @QueryHandler
    Page handle(ReferralQueries.ListReferrals query) {
        return list(query.actor(), query.caseId(), query.status(), query.page(), query.size());
    }

    @QueryHandler
    List<ReferralView> handle(ReferralQueries.OverdueReferrals query) {
        return overdue(query.actor());
    }

    @QueryHandler
    Long handle(ReferralQueries.ActiveReferralsTo query) {
        return activeReferralsTo(query.providerOrganisationId());
    }

    /** A sealed value as the views store it; null stays null. */
    static Document sealed(Sealed value) {
        return value == null ? null
                : new Document("subjectId", value.subjectId()).append("ciphertext", value.ciphertext());
    }

    /** The stored view with its free texts opened (null, and {@code erased}, once the case's subject is erased). */
    private ReferralView open(Document stored, PersonalData.Reading reading) {
        PersonalData.OpenedPayload opened = reading.openTree(stored, path -> {
            PersonalField field = SEALED_FIELDS.get(path);
            if (field == null) {
                throw new IllegalStateException("a sealed value at " + path + " of a referral view");
            }
            return field;
        });
        Document view = (Document) opened.payload();
        String ended = switch (ReferralStatus.valueOf(view.getString("status"))) {
            case DECLINED -> view.get(DECLINE_NOTE) == null ? view.getString("ended")
                    : view.getString("ended") + ": " + view.getString(DECLINE_NOTE);
            case WITHDRAWN -> view.getString(WITHDRAWAL_REASON);
            case COMPLETED -> view.getString(COMPLETION_OUTCOME);
            default -> view.getString("ended");
        };
        view.put("ended", ended);
        view.put("erased", opened.erased());
        return mongo.getConverter().read(ReferralView.class, view);
    }

    /** Counts only: no case, no person; the decline reason NO_CAPACITY is the code list's (decline-reason). */
    @QueryHandler
    ReferralQueries.FigureList handle(ReferralQueries.ReferralFigures query) {
        Query fields = new Query();
        fields.fields().include("providerOrganisationId", "serviceType", "status", "ended");
        Map<List<String>, long[]> counts = new java.util.TreeMap<>(java.util.Comparator
                .comparing((List<String> key) -> key.get(0)).thenComparing(key -> key.get(1)));
        for (Document referral : mongo.find(fields, Document.class, ReferralView.COLLECTION)) {
            long[] figure = counts.computeIfAbsent(List.of(referral.getString("providerOrganisationId"),
                    referral.getString("serviceType")), key -> new long[3]);
            figure[0]++;
            String status = referral.getString("status");
            if (ReferralStatus.ACTIVE.stream().anyMatch(active -> active.name().equals(status))) {
                figure[1]++;
            }
            if (ReferralStatus.DECLINED.name().equals(status) && "NO_CAPACITY".equals(referral.getString("ended"))) {
                figure[2]++;
            }
        }
        return new ReferralQueries.FigureList(counts.entrySet().stream().map(entry -> new ReferralQueries.ReferralFigure(
                entry.getKey().get(0), entry.getKey().get(1), entry.getValue()[0], entry.getValue()[1],
                entry.getValue()[2])).toList());
    }

    /** Active referrals per provider: its current load. */
    public long activeReferralsTo(String providerOrganisationId) {
        return mongo.count(new Query(where("providerOrganisationId").is(providerOrganisationId)
                .and("status").in(ReferralStatus.ACTIVE)), ReferralView.COLLECTION);
    }

    private static Optional<Object> shapedFor(ReferralView view, Actor actor) {
        if (referrer(actor) && actor.organisationId().equals(view.referringOrganisationId())) {
            return Optional.of(view);
        }
        if (actor.has(Role.SERVICE_PROVIDER) && actor.organisationId().equals(view.providerOrganisationId())) {
            return Optional.of(view.forProvider());
        }
        return Optional.empty();
    }

    private static boolean referrer(Actor actor) {
        return actor.has(Role.CASE_MANAGER) || actor.has(Role.FIRST_LINE);
    }
}
