package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.HeadTree;
import org.nrmplatform.evidence.StreamHead;

/**
 * Checkpoints in the event database: {@value #CHECKPOINTS} holds one document per checkpoint ({@code _id} its
 * number, so a number is taken once), {@value #HEADS} the heads a checkpoint changed since the one before
 * ({@code _id} {@code <checkpoint>:<aggregate>}). The heads at checkpoint n are, for every stream, its head
 * in the highest checkpoint up to n: they rebuild the tree whose root n signed. A checkpoint is
 * {@code complete} once its heads are written; readers use the latest complete one.
 */
final class CheckpointStore {

    static final String CHECKPOINTS = "checkpoints";
    static final String HEADS = "checkpointheads";

    private final MongoDatabase database;

    CheckpointStore(MongoDatabase database) {
        this.database = database;
    }

    private MongoCollection<Document> checkpoints() {
        return database.getCollection(CHECKPOINTS);
    }

    private MongoCollection<Document> heads() {
        return database.getCollection(HEADS);
    }

    Optional<Checkpoint> latest() {
        return Optional.ofNullable(checkpoints().find(eq("complete", true)).sort(Sorts.descending("_id")).first())
                .map(CheckpointStore::checkpoint);
    }

    /** The heads of all streams at checkpoint {@code number}. */
    Map<String, StreamHead> headsAt(long number) {
        Map<String, Document> latest = new HashMap<>();
        heads().find(lte("checkpoint", number)).forEach(head -> latest.merge(head.getString("aggregateIdentifier"),
                head, (a, b) -> a.getLong("checkpoint") >= b.getLong("checkpoint") ? a : b));
        Map<String, StreamHead> heads = new HashMap<>();
        latest.forEach((aggregate, head) -> heads.put(aggregate,
                new StreamHead(aggregate, head.getLong("sequenceNumber"), head.getString("hash"))));
        return heads;
    }

    HeadTree treeAt(long number) {
        return HeadTree.of(List.copyOf(headsAt(number).values()));
    }

    /**
     * Stores a signed checkpoint and the heads it changed; false when another writer took its number first.
     */
    boolean store(Checkpoint checkpoint, List<StreamHead> changed) {
        try {
            checkpoints().insertOne(new Document("_id", checkpoint.number())
                    .append("createdAt", checkpoint.createdAt())
                    .append("globalIndex", checkpoint.globalIndex())
                    .append("streams", checkpoint.streams())
                    .append("root", checkpoint.root())
                    .append("keyId", checkpoint.keyId())
                    .append("signature", checkpoint.signature())
                    .append("complete", false));
        } catch (MongoException e) {
            if (SequencedMongoEventStorageEngine.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
        if (!changed.isEmpty()) {
            heads().insertMany(changed.stream().map(head -> new Document("_id",
                            checkpoint.number() + ":" + head.aggregateIdentifier())
                            .append("checkpoint", checkpoint.number())
                            .append("aggregateIdentifier", head.aggregateIdentifier())
                            .append("sequenceNumber", head.sequenceNumber())
                            .append("hash", head.hash())).toList(),
                    new InsertManyOptions().ordered(false));
        }
        checkpoints().updateOne(eq("_id", checkpoint.number()), Updates.set("complete", true));
        return true;
    }

    private static Checkpoint checkpoint(Document document) {
        return new Checkpoint(document.getLong("_id"), document.getString("createdAt"),
                document.getLong("globalIndex"), document.getLong("streams"), document.getString("root"),
                document.getString("keyId"), document.getString("signature"));
    }
}
