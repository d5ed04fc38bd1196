package org.nrmplatform.referralservice.providers;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.ServicesOfferedChanged;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps {@value Provider#COLLECTION} up to date from identity-service's organisation events. Both events
 * state a complete value (not a difference), so applying one again changes nothing.
 */
@Component
@ProcessingGroup("provider-directory")
class ProviderDirectoryProjection {

    private final MongoTemplate mongo;

    ProviderDirectoryProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(OrganisationRegistered event) {
        mongo.save(new Provider(event.organisationId().toString(), event.name(), event.type(), event.country(),
                event.servicesOffered()), Provider.COLLECTION);
    }

    @EventHandler
    void on(ServicesOfferedChanged event) {
        mongo.updateFirst(query(where("_id").is(event.organisationId().toString())),
                new Update().set("servicesOffered", event.servicesOffered()), Provider.COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(Provider.COLLECTION);
    }
}
