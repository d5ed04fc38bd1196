package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
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
 * Answers each caller from its own view: the whole case ({@code case_views}) for the cases an actor sees
 * whole, else, for a service provider with an active referral, the provider's view
 * ({@code referred_cases}), which holds nothing else. Nothing is narrowed at read time.
 */
@Component
class CaseViewQueries {

    private final MongoTemplate mongo;
    private final ProjectionVersions versions;
    private final OpenedViews views;

    CaseViewQueries(MongoTemplate mongo, ProjectionVersions versions, OpenedViews views) {
        this.mongo = mongo;
        this.versions = versions;
        this.views = views;
    }

    private String caseViews() {
        return versions.currentCollection(CaseViewProjection.NAME, CaseViewProjection.COLLECTION);
    }

    private String referredCases() {
        return versions.currentCollection(ReferredCaseProjection.NAME, ReferredCaseProjection.COLLECTION);
    }

    @QueryHandler
    VisibleCase handle(FindCase query) {
        Actor actor = query.actor();
        String id = query.caseId().toString();
        PersonalData.Reading reading = views.reading();
        if (CaseAccess.fullViewCriteriaFor(actor).isPresent()) {
            CaseView view = views.open(mongo.findById(id, Document.class, caseViews()), CaseView.class, reading);
            if (view != null && view.access().fullViewFor(actor)) {
                return view;
            }
        }
        if (actor.has(Role.SERVICE_PROVIDER)) {
            return views.open(mongo.findOne(query(where("_id").is(id).and(ReferredCaseProjection.PROVIDERS_FIELD)
                    .is(actor.organisationId())), Document.class, referredCases()), ReferredCase.class, reading);
        }
        return null;
    }

    /**
     * The cases seen whole, newest screening first, then the cases seen only through a referral (by id).
     * A provider's referred cases are few (its active referrals), so for an actor that is also of a
     * full-view role they are read whole to leave out those it sees whole already.
     */
    @QueryHandler
    CasePage handle(ListCases query) {
        Actor actor = query.actor();
        Optional<Criteria> whole = CaseAccess.fullViewCriteriaFor(actor);
        boolean provider = actor.has(Role.SERVICE_PROVIDER);
        long skip = (long) query.page() * query.size();
        Criteria referred = where(ReferredCaseProjection.PROVIDERS_FIELD).is(actor.organisationId());
        PersonalData.Reading reading = views.reading();
        if (whole.isEmpty() && !provider) {
            return new CasePage(List.of(), query.page(), query.size(), 0);
        }
        if (whole.isEmpty()) {
            Query page = new Query(referred).with(Sort.by("_id")).skip(skip).limit(query.size());
            List<VisibleCase> items = new ArrayList<>(openAll(mongo.find(page, Document.class, referredCases()),
                    ReferredCase.class, reading));
            return new CasePage(items, query.page(), query.size(), mongo.count(new Query(referred), referredCases()));
        }
        long wholeTotal = mongo.count(new Query(whole.get()), caseViews());
        List<VisibleCase> items = new ArrayList<>();
        if (skip < wholeTotal) {
            Query page = new Query(whole.get()).with(Sort.by(Sort.Direction.DESC, "openedAt"))
                    .skip(skip).limit(query.size());
            items.addAll(openAll(mongo.find(page, Document.class, caseViews()), CaseView.class, reading));
        }
        if (!provider) {
            return new CasePage(items, query.page(), query.size(), wholeTotal);
        }
        List<ReferredCase> referredCases = openAll(mongo.find(new Query(referred).with(Sort.by("_id")),
                Document.class, referredCases()), ReferredCase.class, reading);
        List<String> ids = referredCases.stream().map(ReferredCase::id).toList();
        Query seenWhole = new Query(new Criteria().andOperator(where("_id").in(ids), whole.get()));
        seenWhole.fields().include("_id");
        Set<String> wholeIds = mongo.find(seenWhole, Document.class, caseViews()).stream()
                .map(document -> document.get("_id").toString()).collect(Collectors.toSet());
        List<ReferredCase> onlyReferred = referredCases.stream().filter(c -> !wholeIds.contains(c.id())).toList();
        long from = Math.max(skip - wholeTotal, 0);
        onlyReferred.stream().skip(from).limit(query.size() - items.size()).forEach(items::add);
        return new CasePage(items, query.page(), query.size(), wholeTotal + onlyReferred.size());
    }

    private <T> List<T> openAll(List<Document> stored, Class<T> type, PersonalData.Reading reading) {
        return stored.stream().map(document -> views.open(document, type, reading)).toList();
    }
}
