package org.nrmplatform.shared.store;

import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/** The collection names Axon's Mongo components use, the same in every database. */
record StoreCollections(String domainEvents, String snapshotEvents, String trackingTokens, String sagas,
                        String deadLetters) {

    static final StoreCollections DEFAULT =
            new StoreCollections("domainevents", "snapshotevents", "trackingtokens", "sagas", "deadletters");

    MongoTemplate plainTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(database)
                .domainEventsCollectionName(domainEvents)
                .snapshotEventsCollectionName(snapshotEvents)
                .trackingTokensCollectionName(trackingTokens)
                .sagasCollectionName(sagas)
                .deadLetterCollectionName(deadLetters)
                .build();
    }
}
