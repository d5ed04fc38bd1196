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
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientDeactivated;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRoleGranted;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRoleRevoked;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.views.IdentityQueries.FindClient;
import org.nrmplatform.identityservice.views.IdentityQueries.FindClientById;
import org.nrmplatform.identityservice.views.IdentityQueries.ClientPage;
import org.nrmplatform.identityservice.views.IdentityQueries.ListClients;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * API clients ({@value #COLLECTION}) as administrators see them and the token endpoint reads them.
 * Idempotent: each update applies only to a view older than the event.
 */
@Component
@ProcessingGroup(ClientViewProjection.PROCESSOR)
class ClientViewProjection {

    static final String PROCESSOR = "client-views";
    static final String COLLECTION = "client_views";

    private final MongoTemplate mongo;

    ClientViewProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("clientId", Sort.Direction.ASC));
    }

    @EventHandler
    void on(ApiClientRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        try {
            mongo.insert(new ClientView(event.apiClientId().toString(), sequence, event.clientId(),
                    event.organisationId().toString(), event.roles().stream().map(Role::code).toList(), true, at,
                    null, at), COLLECTION);
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the view exists already
        }
    }

    @EventHandler
    void on(ApiClientRoleGranted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.apiClientId().toString(), sequence, at, new Update().addToSet("roles", event.role().code()));
    }

    @EventHandler
    void on(ApiClientRoleRevoked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.apiClientId().toString(), sequence, at, new Update().pull("roles", event.role().code()));
    }

    @EventHandler
    void on(ApiClientDeactivated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.apiClientId().toString(), sequence, at,
                new Update().set("active", false).set("deactivatedAt", at));
    }

    private void apply(String apiClientId, long sequence, Instant at, Update update) {
        mongo.updateFirst(query(where("_id").is(apiClientId).and("version").lt(sequence)),
                update.set("version", sequence).set("lastChangedAt", at), COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(COLLECTION);
    }

    @QueryHandler
    ClientView handle(FindClient query) {
        return mongo.findOne(query(where("clientId").is(query.clientId())), ClientView.class, COLLECTION);
    }

    @QueryHandler
    ClientPage handle(ListClients query) {
        Query filter = query.organisationId() == null ? new Query()
                : query(where("organisationId").is(query.organisationId().toString()));
        long total = mongo.count(filter, COLLECTION);
        List<ClientView> items = mongo.find(Query.of(filter).with(Sort.by("clientId"))
                .skip((long) query.page() * query.size()).limit(query.size()), ClientView.class, COLLECTION);
        return new ClientPage(items, query.page(), query.size(), total);
    }

    @QueryHandler
    ClientView handle(FindClientById query) {
        return mongo.findById(query.apiClientId().toString(), ClientView.class, COLLECTION);
    }
}
