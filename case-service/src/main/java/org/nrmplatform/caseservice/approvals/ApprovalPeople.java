package org.nrmplatform.caseservice.approvals;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The names people go by, from identity-service's account events (as referral-service keeps a task's colleagues),
 * so that an approval names who asked and who decided. Only the approvals of the reader's own organisation are
 * answered, so a name is read only by colleagues. Saved by id: a repeated delivery writes the same document.
 */
@Component
@ProcessingGroup("approval-people")
class ApprovalPeople {

    static final String COLLECTION = "approval_people";

    record Person(@Id String userId, String organisationId, String displayName) {
    }

    private final MongoTemplate mongo;

    ApprovalPeople(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The names of these people, by user id; someone not (yet) known is left out. */
    Map<String, String> names(Collection<String> userIds) {
        var known = userIds.stream().filter(Objects::nonNull).distinct().toList();
        if (known.isEmpty()) {
            return Map.of();
        }
        return mongo.find(new Query(where("_id").in(known)), Person.class, COLLECTION).stream()
                .collect(Collectors.toMap(Person::userId, Person::displayName));
    }

    @EventHandler
    void on(UserAccountCreated event) {
        mongo.save(new Person(event.userId().toString(), event.organisationId().toString(), event.displayName()),
                COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(COLLECTION);
    }
}
