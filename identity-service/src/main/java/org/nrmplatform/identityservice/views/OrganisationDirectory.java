package org.nrmplatform.identityservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.ServicesOfferedChanged;
import org.nrmplatform.identityservice.views.IdentityQueries.CountOrganisations;
import org.nrmplatform.identityservice.views.IdentityQueries.FindOrganisation;
import org.nrmplatform.identityservice.views.IdentityQueries.ListOrganisations;
import org.nrmplatform.identityservice.views.IdentityQueries.OrganisationPage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The directory of organisations ({@value #COLLECTION}), kept from organisation events. A repeated delivery
 * changes nothing: each update applies only to a view older than the event.
 */
@Component
@ProcessingGroup(OrganisationDirectory.PROCESSOR)
class OrganisationDirectory {

    static final String PROCESSOR = "organisation-views";
    static final String COLLECTION = "organisation_views";

    private final MongoTemplate mongo;

    OrganisationDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(OrganisationRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        try {
            mongo.insert(new OrganisationView(event.organisationId().toString(), sequence, event.name(), event.type(),
                    event.country(), event.servicesOffered(), at, at), COLLECTION);
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the view exists already
        }
    }

    @EventHandler
    void on(ServicesOfferedChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        mongo.updateFirst(query(where("_id").is(event.organisationId().toString()).and("version").lt(sequence)),
                new Update().set("servicesOffered", event.servicesOffered()).set("version", sequence)
                        .set("lastChangedAt", at), COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(COLLECTION);
    }

    @QueryHandler
    OrganisationView handle(FindOrganisation query) {
        return mongo.findById(query.organisationId().toString(), OrganisationView.class, COLLECTION);
    }

    @QueryHandler
    OrganisationPage handle(ListOrganisations query) {
        Criteria criteria = new Criteria();
        if (query.type() != null) {
            criteria.and("type").is(query.type());
        }
        if (query.country() != null) {
            criteria.and("country").is(query.country());
        }
        if (query.service() != null) {
            criteria.and("servicesOffered").is(query.service()); // matches an element of the array
        }
        Query filter = new Query(criteria);
        long total = mongo.count(filter, COLLECTION);
        List<OrganisationView> items = mongo.find(Query.of(filter).with(Sort.by("name", "_id"))
                .skip((long) query.page() * query.size()).limit(query.size()), OrganisationView.class, COLLECTION);
        return new OrganisationPage(items, query.page(), query.size(), total);
    }

    @QueryHandler
    Long handle(CountOrganisations query) {
        return mongo.count(new Query(), COLLECTION);
    }
}
