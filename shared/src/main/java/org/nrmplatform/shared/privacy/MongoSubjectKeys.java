package org.nrmplatform.shared.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Date;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.nrmplatform.shared.store.JournaledWrites;

/**
 * Subject keys in MongoDB, collection {@value #COLLECTION} of their own database: per subject its data key
 * wrapped with the {@link MasterKey}, or, once destroyed, only the time it was destroyed. Destruction removes
 * the wrapped key from the document; the storage engine may keep the old bytes until it reuses the space, and
 * backups keep them until they expire (docs/need-to-know.md).
 */
public class MongoSubjectKeys implements SubjectKeys {

    static final String COLLECTION = "subject_keys";
    private static final String WRAPPED = "wrappedKey";
    private static final String DESTROYED_AT = "destroyedAt";

    private final MongoCollection<Document> keys;
    private final MasterKey masterKey;

    public MongoSubjectKeys(MongoClient client, String database, MasterKey masterKey) {
        this.keys = client.getDatabase(database).getCollection(COLLECTION);
        this.masterKey = masterKey;
    }

    /**
     * Creates the subject's key on first use, or returns the stored one. The insert comes first (one round trip
     * for a new subject, as when a case is opened) and is acknowledged from memory: the key is only ever used to
     * seal data of an event that is appended afterwards with a journaled write, which brings the key to the disk
     * with it (a journal is written in order); a key whose event never came is an unused key.
     */
    @Override
    public Optional<SecretKey> obtain(String subjectId) {
        byte[] dataKey = Aead.randomKey();
        try {
            keys.withWriteConcern(JournaledWrites.inMemoryFirst(keys.getWriteConcern()))
                    .insertOne(new Document("_id", subjectId).append(WRAPPED, masterKey.wrap(subjectId, dataKey))
                            .append("createdAt", new Date()));
            return Optional.of(new SecretKeySpec(dataKey, "AES"));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // the subject has a key already (or had one, destroyed): whatever is stored is the subject's key
            return find(subjectId) instanceof KeyLookup.Present present ? Optional.of(present.key())
                    : Optional.empty();
        }
    }

    @Override
    public KeyLookup find(String subjectId) {
        Document stored = keys.find(Filters.eq("_id", subjectId)).first();
        if (stored == null) {
            return new KeyLookup.Unknown();
        }
        String wrapped = stored.getString(WRAPPED);
        if (wrapped == null || stored.get(DESTROYED_AT) != null) {
            return new KeyLookup.Destroyed();
        }
        return new KeyLookup.Present(masterKey.unwrap(subjectId, wrapped));
    }

    @Override
    public boolean destroy(String subjectId) {
        Document stored = keys.find(Filters.eq("_id", subjectId)).first();
        if (stored != null && stored.get(DESTROYED_AT) != null) {
            return false;
        }
        keys.updateOne(Filters.eq("_id", subjectId),
                Updates.combine(Updates.unset(WRAPPED), Updates.set(DESTROYED_AT, new Date())),
                new UpdateOptions().upsert(true));
        return true;
    }
}
