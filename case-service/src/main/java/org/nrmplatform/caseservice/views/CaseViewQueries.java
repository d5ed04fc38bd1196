package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.projections.VersionedCollection;
import org.nrmplatform.caseservice.views.CaseQueries.CasePage;
import org.nrmplatform.caseservice.views.CaseQueries.FindCase;
import org.nrmplatform.caseservice.views.CaseQueries.ListCases;
import org.nrmplatform.caseservice.views.CaseView.ReferredCase;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Answers each caller from its own view: a case manager from {@code managed_cases}, an identification
 * authority from {@code identification_cases}, a first-line professional from {@code first_line_cases}, a
 * service provider with an active referral from {@code referred_cases}. Each view holds only its actor's
 * fields, so nothing is narrowed at read time. An actor with several roles gets each case from the view of
 * the first role, in {@link CaseAccess#HANDLING_ROLES} order and then service provider, that gives it the
 * case.
 */
@Component
class CaseViewQueries {

    /** The view a handling role reads: its projection's collection and the record its documents map to. */
    private record HandlingView(Role role, VersionedCollection collection, Class<? extends HandledCase> type) {
    }

    /** Newest screening first; the id breaks ties so that pages never overlap. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "openedAt").and(Sort.by("_id"));

    private final MongoTemplate mongo;
    private final OpenedViews views;
    private final Map<Role, HandlingView> handlingViews;
    private final VersionedCollection referred;

    CaseViewQueries(MongoTemplate mongo, OpenedViews views, ManagedCaseProjection managed,
                    IdentificationCaseProjection identification, FirstLineCaseProjection firstLine,
                    ReferredCaseProjection referred) {
        this.mongo = mongo;
        this.views = views;
        this.handlingViews = Map.of(
                Role.CASE_MANAGER, new HandlingView(Role.CASE_MANAGER, managed.collection(), CaseView.class),
                Role.IDENTIFICATION_AUTHORITY, new HandlingView(Role.IDENTIFICATION_AUTHORITY,
                        identification.collection(), CaseView.IdentificationCase.class),
                Role.FIRST_LINE, new HandlingView(Role.FIRST_LINE, firstLine.collection(),
                        CaseView.FirstLineCase.class));
        this.referred = referred.collection();
    }

    private static String collection(HandlingView view) {
        return view.collection().current();
    }

    private String referredCases() {
        return referred.current();
    }

    /** The views of the actor's handling roles, widest first. */
    private List<HandlingView> viewsOf(Actor actor) {
        return CaseAccess.HANDLING_ROLES.stream().filter(actor::has).map(handlingViews::get).toList();
    }

    @QueryHandler
    VisibleCase handle(FindCase query) {
        Actor actor = query.actor();
        String id = query.caseId().toString();
        PersonalData.Reading reading = views.reading();
        // by _id alone, then the rule in memory: the embedded server scans for any other query shape
        for (HandlingView view : viewsOf(actor)) {
            HandledCase found = views.open(mongo.findById(id, Document.class, collection(view)), view.type(),
                    reading);
            if (found != null && found.access().grants(view.role(), actor)) {
                return found;
            }
        }
        if (actor.has(Role.SERVICE_PROVIDER)) {
            Document referred = mongo.findById(id, Document.class, referredCases());
            boolean active = referred != null && referred.getList(ReferredCaseProjection.ACTIVE_REFERRALS,
                            Document.class, List.of()).stream()
                    .anyMatch(referral -> actor.organisationId().equals(referral.get("providerOrganisationId")));
            return active ? views.open(referred, ReferredCase.class, reading) : null;
        }
        return null;
    }

    /**
     * The cases of each of the actor's views in turn, widest first, each leaving out the cases a wider one
     * gave already, each newest screening first; then the cases seen only through a referral (by id). A
     * provider's referred cases are few (its active referrals), so for an actor that also handles cases they
     * are read whole to leave out those it sees through a handling view.
     */
    @QueryHandler
    CasePage handle(ListCases query) {
        Actor actor = query.actor();
        long skip = (long) query.page() * query.size();
        PersonalData.Reading reading = views.reading();
        List<VisibleCase> items = new ArrayList<>();
        List<Criteria> earlier = new ArrayList<>();
        long total = 0;
        Criteria chosen = chosen(query);
        for (HandlingView view : viewsOf(actor)) {
            Criteria own = ScopeCriteria.of(CaseAccess.scopeOf(view.role(), actor).orElseThrow());
            Criteria tier = earlier.isEmpty() ? new Criteria().andOperator(own, chosen)
                    : new Criteria().andOperator(own, chosen, new Criteria().norOperator(earlier));
            long count = mongo.count(new Query(tier), collection(view));
            long from = Math.max(skip - total, 0);
            if (from < count && items.size() < query.size()) {
                items.addAll(openAll(mongo.find(new Query(tier).with(NEWEST_FIRST).skip(from)
                        .limit(query.size() - items.size()), Document.class, collection(view)), view.type(), reading));
            }
            total += count;
            earlier.add(own);
        }
        if (!actor.has(Role.SERVICE_PROVIDER)) {
            return new CasePage(items, query.page(), query.size(), total);
        }
        Criteria referred = ScopeCriteria.of(CaseAccess.scopeOf(Role.SERVICE_PROVIDER, actor).orElseThrow());
        List<ReferredCase> referredCases = openAll(mongo.find(new Query(referred).with(Sort.by("_id")),
                Document.class, referredCases()), ReferredCase.class, reading);
        Set<String> handled = Set.of();
        if (!earlier.isEmpty()) {
            // every handling view holds every case with its organisation fields; the widest is asked
            List<String> ids = referredCases.stream().map(ReferredCase::id).toList();
            Query seenWhole = new Query(new Criteria().andOperator(where("_id").in(ids),
                    new Criteria().orOperator(earlier)));
            seenWhole.fields().include("_id");
            handled = mongo.find(seenWhole, Document.class, collection(viewsOf(actor).get(0))).stream()
                    .map(document -> document.get("_id").toString()).collect(Collectors.toSet());
        }
        Set<String> seen = handled;
        List<ReferredCase> onlyReferred = referredCases.stream().filter(c -> !seen.contains(c.id()))
                .filter(c -> (query.stage() == null || query.stage() == c.stage())
                        && (query.closed() == null || query.closed() == c.closed()))
                .toList();
        long from = Math.max(skip - total, 0);
        onlyReferred.stream().skip(from).limit(query.size() - items.size()).forEach(items::add);
        return new CasePage(items, query.page(), query.size(), total + onlyReferred.size());
    }

    /** The stage and state the caller asked for; every view stores both under the same names. */
    private static Criteria chosen(ListCases query) {
        Criteria chosen = new Criteria();
        if (query.stage() != null) {
            chosen = chosen.and("stage").is(query.stage().name());
        }
        if (query.closed() != null) {
            chosen = chosen.and("closed").is(query.closed());
        }
        return chosen;
    }

    private <T> List<T> openAll(List<Document> stored, Class<T> type, PersonalData.Reading reading) {
        return stored.stream().map(document -> views.open(document, type, reading)).toList();
    }
}
