package org.nrmplatform.caseservice.organisations;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@value KnownOrganisations#COLLECTION} from identity-service's {@link OrganisationRegistered} events.
 * The event states the whole record, so applying it again changes nothing; organisations are never removed.
 */
@Component
@ProcessingGroup(OrganisationDirectoryProjection.NAME)
class OrganisationDirectoryProjection {

    static final String NAME = "organisation-directory";

    private final MongoTemplate mongo;

    OrganisationDirectoryProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(OrganisationRegistered event) {
        mongo.save(new KnownOrganisations.KnownOrganisation(event.organisationId().toString(), event.name(),
                event.type(), event.country()), KnownOrganisations.COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(KnownOrganisations.COLLECTION);
    }
}
