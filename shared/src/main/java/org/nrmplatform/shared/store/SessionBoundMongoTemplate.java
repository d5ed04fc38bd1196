package org.nrmplatform.shared.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.MongoDatabaseUtils;
import org.springframework.data.mongodb.SessionSynchronization;

/**
 * Axon's collections, bound to the client session of the Spring-managed MongoDB transaction when one
 * is active, so that events, tokens, sagas and projection writes of one unit of work commit together.
 * Used only where the server supports transactions.
 */
final class SessionBoundMongoTemplate implements MongoTemplate {

    private final MongoDatabaseFactory factory;
    private final String databaseName;
    private final StoreCollections names;

    SessionBoundMongoTemplate(MongoDatabaseFactory factory, String databaseName, StoreCollections names) {
        this.factory = factory;
        this.databaseName = databaseName;
        this.names = names;
    }

    private MongoDatabase database() {
        return MongoDatabaseUtils.getDatabase(databaseName, factory, SessionSynchronization.ON_ACTUAL_TRANSACTION);
    }

    @Override
    public MongoCollection<Document> trackingTokensCollection() {
        return database().getCollection(names.trackingTokens());
    }

    @Override
    public MongoCollection<Document> eventCollection() {
        return database().getCollection(names.domainEvents());
    }

    @Override
    public MongoCollection<Document> snapshotCollection() {
        return database().getCollection(names.snapshotEvents());
    }

    @Override
    public MongoCollection<Document> sagaCollection() {
        return database().getCollection(names.sagas());
    }

    @Override
    public MongoCollection<Document> deadLetterCollection() {
        return database().getCollection(names.deadLetters());
    }
}
