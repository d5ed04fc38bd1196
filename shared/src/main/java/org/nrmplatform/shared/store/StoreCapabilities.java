package org.nrmplatform.shared.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connected MongoDB server can do. Transactions need a replica set or a sharded cluster;
 * a standalone server (and the embedded wire-protocol server) has none, so the platform runs without.
 */
public record StoreCapabilities(boolean transactions, String description) {

    private static final Logger log = LoggerFactory.getLogger(StoreCapabilities.class);

    static StoreCapabilities probe(MongoClient client, StoreProperties.TransactionMode mode) {
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        } catch (MongoException e) {
            throw new IllegalStateException("MongoDB is not reachable: " + e.getMessage()
                    + " (set nrm.store.uri, or start the platform with infra/nrm up)", e);
        }
        // after a successful command the driver knows the topology; no server-specific command needed
        ClusterType type = client.getClusterDescription().getType();
        boolean supported = type == ClusterType.REPLICA_SET || type == ClusterType.SHARDED;
        String topology = switch (type) {
            case REPLICA_SET -> "replica set";
            case SHARDED -> "sharded cluster";
            default -> "standalone server";
        };
        boolean use = switch (mode) {
            case AUTO -> supported;
            case ENABLED -> {
                if (!supported) {
                    throw new IllegalStateException("nrm.store.transactions=ENABLED but the MongoDB server is a "
                            + topology + ", which has no transactions");
                }
                yield true;
            }
            case DISABLED -> false;
        };
        StoreCapabilities capabilities = new StoreCapabilities(use, topology);
        log.info("Event store on a {}: transactions {}", topology, use ? "on" : "off");
        return capabilities;
    }
}
