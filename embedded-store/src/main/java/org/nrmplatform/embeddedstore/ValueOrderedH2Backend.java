package org.nrmplatform.embeddedstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with unique indexes whose keys compare by value ({@link IndexKeyType}) instead
 * of by their Java serialization. Documents and index entries are stored exactly as before; only the order of
 * an index map differs, so an index written by the plain backend is put into the new order once, when it is
 * first opened (a copy that replaces the original only when it is complete, so that a crash in between repeats
 * the copy rather than losing entries).
 */
public final class ValueOrderedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(ValueOrderedH2Backend.class);

    /** Names of the index maps that are in value order. */
    static final String VALUE_ORDERED_INDEXES = "nrm.valueOrderedIndexes";
    private static final String COPY_SUFFIX = ".valueOrdered";

    /**
     * The store of the database being constructed: {@link H2Database} opens its stored indexes from its
     * constructor, before a subclass has its fields.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    public ValueOrderedH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        OPENING.set(getMvStore());
        try {
            return new Database(databaseName, getMvStore(), getCursorRegistry());
        } finally {
            OPENING.remove();
        }
    }

    private static final class Database extends H2Database {

        private final MVStore mvStore;

        Database(String databaseName, MVStore mvStore, CursorRegistry cursors) {
            super(databaseName, mvStore, cursors);
            this.mvStore = mvStore;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVStore store = mvStore != null ? mvStore : OPENING.get();
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            return new ValueOrderedUniqueIndex(valueOrdered(store, mapName), indexName, keys, sparse);
        }
    }

    /** Opens an index map in value order, first putting one written by the plain backend into that order. */
    static MVMap<KeyValue, Object> valueOrdered(MVStore store, String mapName) {
        MVMap<String, Boolean> ordered = store.openMap(VALUE_ORDERED_INDEXES);
        String copyName = mapName + COPY_SUFFIX;
        if (!ordered.containsKey(mapName)) {
            if (!store.hasMap(mapName) && store.hasMap(copyName)) {
                store.renameMap(open(store, copyName), mapName); // the copy was complete, the swap interrupted
            } else if (store.hasMap(mapName)) {
                MVMap<KeyValue, Object> original = open(store, mapName);
                if (!original.isEmpty()) {
                    if (store.hasMap(copyName)) {
                        store.removeMap(copyName); // an interrupted copy
                    }
                    MVMap<KeyValue, Object> copy = open(store, copyName);
                    for (Map.Entry<KeyValue, Object> entry : original.entrySet()) { // walks pages, compares nothing
                        copy.put(entry.getKey(), entry.getValue());
                    }
                    log.info("put index {} ({} keys) into value order", mapName, copy.sizeAsLong());
                    store.removeMap(original);
                    store.renameMap(copy, mapName);
                }
            }
            ordered.put(mapName, Boolean.TRUE);
            store.commit();
        }
        return open(store, mapName);
    }

    private static MVMap<KeyValue, Object> open(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
    }
}
