package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.nrmplatform.shared.testing.RequiresDocker;
import org.testcontainers.mongodb.MongoDBContainer;

/** Axon's storage-engine suite on a real MongoDB. Needs Docker; without it the class is skipped and says why. */
@RequiresDocker
class AxonContractOnReplicaSetTest extends AxonEngineContract {

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
}
