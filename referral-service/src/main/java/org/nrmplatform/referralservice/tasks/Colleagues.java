package org.nrmplatform.referralservice.tasks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountDeactivated;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The people a task can be owed by: each organisation's active user accounts (id and the name colleagues know
 * them by), kept from identity-service's account events. A task names a person only of the assigner's own
 * organisation, so these are read only by colleagues: no organisation learns who works at another.
 */
@Component
@ProcessingGroup("task-colleagues")
class Colleagues {

    static final String COLLECTION = "task_colleagues";

    /** A person who can be asked to do a task. */
    record Colleague(String id, String organisationId, String displayName, boolean active) {
    }

    private final MongoTemplate mongo;

    Colleagues(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The active people of the organisation, by name. */
    List<Colleague> of(String organisationId) {
        return mongo.find(query(where("organisationId").is(organisationId).and("active").is(true))
                .with(Sort.by("displayName")), Colleague.class, COLLECTION);
    }

    /** The person, if an active user of that organisation. */
    Optional<Colleague> find(String userId, String organisationId) {
        return Optional.ofNullable(mongo.findById(userId, Colleague.class, COLLECTION))
                .filter(colleague -> colleague.active() && colleague.organisationId().equals(organisationId));
    }

    /** The names of these people, by id; a person no longer known is left out. */
    Map<String, String> names(Collection<String> userIds) {
        return mongo.find(new Query(where("_id").in(userIds)), Colleague.class, COLLECTION).stream()
                .collect(Collectors.toMap(Colleague::id, Colleague::displayName));
    }

    @EventHandler
    void on(UserAccountCreated event) {
        mongo.save(new Colleague(event.userId().toString(), event.organisationId().toString(), event.displayName(),
                true), COLLECTION);
    }

    @EventHandler
    void on(UserAccountDeactivated event) {
        mongo.updateFirst(query(where("_id").is(event.userId().toString())), new Update().set("active", false),
                COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(COLLECTION);
    }
}
