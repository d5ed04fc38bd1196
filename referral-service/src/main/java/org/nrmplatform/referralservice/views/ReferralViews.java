package org.nrmplatform.referralservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Who sees which referral: a provider's service-provider staff the referrals to it (its inbox, in the
 * provider's shape), first-line professionals and case managers those their organisation made (its outbox,
 * whole). Any other referral does not exist for the caller.
 */
@Component
public class ReferralViews {

    public record Page(List<Object> items, int page, int size, long total) {
    }

    private final MongoTemplate mongo;

    public ReferralViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Object> find(UUID referralId, Actor actor) {
        return Optional.ofNullable(mongo.findById(referralId.toString(), ReferralView.class, ReferralView.COLLECTION))
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
        List<Object> items = mongo.find(query, ReferralView.class, ReferralView.COLLECTION).stream()
                .map(view -> shapedFor(view, actor).orElseThrow()).toList();
        return new Page(items, page, size, mongo.count(new Query(filtered), ReferralView.COLLECTION));
    }

    /** Referrals of the caller's organisation that passed their respond-by instant unanswered. */
    public List<ReferralView> overdue(Actor actor) {
        Query query = new Query(where("referringOrganisationId").is(actor.organisationId())
                .and("status").is(ReferralStatus.REQUESTED).and("escalatedAt").ne(null))
                .with(Sort.by("respondBy"));
        return mongo.find(query, ReferralView.class, ReferralView.COLLECTION);
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
