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
import org.nrmplatform.contracts.identity.IdentityEvents.RoleGranted;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleRevoked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountDeactivated;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.views.IdentityQueries.FindAccount;
import org.nrmplatform.identityservice.views.IdentityQueries.FindAccountByUsername;
import org.nrmplatform.identityservice.views.IdentityQueries.AccountPage;
import org.nrmplatform.identityservice.views.IdentityQueries.ListAccounts;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * User accounts ({@value #COLLECTION}) as administrators see them and sign-in reads them. Idempotent: each
 * update applies only to a view older than the event.
 */
@Component
@ProcessingGroup(AccountViewProjection.PROCESSOR)
class AccountViewProjection {

    static final String PROCESSOR = "account-views";
    static final String COLLECTION = "account_views";

    private final MongoTemplate mongo;

    AccountViewProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("username", Sort.Direction.ASC));
    }

    @EventHandler
    void on(UserAccountCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        try {
            mongo.insert(new AccountView(event.userId().toString(), sequence, event.organisationId().toString(),
                    event.username(), event.displayName(), event.roles().stream().map(Role::code).toList(), true,
                    at, null, at), COLLECTION);
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the view exists already
        }
    }

    @EventHandler
    void on(RoleGranted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.userId().toString(), sequence, at, new Update().addToSet("roles", event.role().code()));
    }

    @EventHandler
    void on(RoleRevoked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.userId().toString(), sequence, at, new Update().pull("roles", event.role().code()));
    }

    @EventHandler
    void on(UserAccountDeactivated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.userId().toString(), sequence, at, new Update().set("active", false).set("deactivatedAt", at));
    }

    private void apply(String userId, long sequence, Instant at, Update update) {
        mongo.updateFirst(query(where("_id").is(userId).and("version").lt(sequence)),
                update.set("version", sequence).set("lastChangedAt", at), COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(COLLECTION);
    }

    @QueryHandler
    AccountView handle(FindAccount query) {
        return mongo.findById(query.userId().toString(), AccountView.class, COLLECTION);
    }

    @QueryHandler
    AccountPage handle(ListAccounts query) {
        Query filter = query.organisationId() == null ? new Query()
                : query(where("organisationId").is(query.organisationId().toString()));
        long total = mongo.count(filter, COLLECTION);
        List<AccountView> items = mongo.find(Query.of(filter).with(Sort.by("username"))
                .skip((long) query.page() * query.size()).limit(query.size()), AccountView.class, COLLECTION);
        return new AccountPage(items, query.page(), query.size(), total);
    }

    @QueryHandler
    AccountView handle(FindAccountByUsername query) {
        return mongo.findOne(query(where("username").is(query.username())), AccountView.class, COLLECTION);
    }
}
