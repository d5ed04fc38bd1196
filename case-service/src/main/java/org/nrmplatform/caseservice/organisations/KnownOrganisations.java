package org.nrmplatform.caseservice.organisations;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The organisations of this NRM as case-service knows them, from identity-service's events in the shared
 * stream (see {@link OrganisationDirectoryProjection}): what a consent may name as its recipient.
 */
@Component
public class KnownOrganisations {

    static final String COLLECTION = "organisations";

    record KnownOrganisation(String id, String name, String type, String country) {
    }

    private final MongoTemplate mongo;

    KnownOrganisations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean contains(String organisationId) {
        return mongo.findById(organisationId, KnownOrganisation.class, COLLECTION) != null;
    }
}
