package org.nrmplatform.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.RequiresDocker;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same storage behaviours against a real MongoDB single-node replica set, so with transactions.
 * Needs Docker; without it the class is skipped and says why.
 */
@RequiresDocker
class ReplicaSetStorageTest extends StorageBehaviour {

    private static MongoDBContainer mongo;
    private static MongoClient client;

    @BeforeAll
    static void startReplicaSet() {
        mongo = new MongoDBContainer("mongo:7.0").withReplicaSet();
        mongo.start();
        client = MongoClients.create(mongo.getReplicaSetUrl());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (mongo != null) {
            mongo.stop();
        }
    }

    @Override
    protected MongoClient client() {
        return client;
    }

    @Override
    protected String connectionString() {
        return mongo.getReplicaSetUrl();
    }

    @Test
    void transactionsAreUsed() {
        assertThat(capabilities.transactions()).isTrue();
    }
}
