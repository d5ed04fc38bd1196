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
 * of by their Java serialization, and a page cache sized to the heap. Documents and index entries are stored
 * exactly as before; only the order of an index map differs, so an index written by the plain backend is put
 * into the new order once, when it is first opened (a copy that replaces the original only when it is
 * complete, so that a crash in between repeats the copy rather than losing entries).
 *
 * <p>Writes reach the file when H2 commits, about once a second, as with the plain backend: a hard kill of
 * the store loses what it acknowledged in the last second. Committing and syncing every write before its reply
 * was tried and measured (docs/event-store.md): a third of the commands per second, and the store ran out of
 * its 384 MB heap under the projection rebuild benchmark, so it is not done.
 */
public final class EmbeddedStoreBackend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreBackend.class);

    /** Names of the index maps that are in value order. */
    static final String VALUE_ORDERED_INDEXES = "nrm.valueOrderedIndexes";
    private static final String COPY_SUFFIX = ".valueOrdered";

    public EmbeddedStoreBackend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes(Runtime.getRuntime().maxMemory()))
                .open());
    }

    /**
     * The page cache: a sixteenth of the heap, between 16 MB (H2's default) and 256 MB. A committed page leaves
     * the tree and lives on only in the cache; with 16 MB a rebuild of 50k events sometimes read pages back from
     * the file, nearly three times as slow per event as one of 10k. No more than a sixteenth: H2 counts a page's
     * documents by their serialized size, and they take several times that on the heap.
     */
    static int cacheMegabytes(long maxHeapBytes) {
        return (int) Math.max(16, Math.min(256, maxHeapBytes / 16 / (1024 * 1024)));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /**
     * An inner class on purpose: {@link H2Database} opens its stored indexes from its constructor, before a
     * subclass has fields of its own, and the enclosing backend (with its store) is reachable already then.
     */
    private final class Database extends H2Database {

        Database(String databaseName, CursorRegistry cursors) {
            super(databaseName, getMvStore(), cursors);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            return new ValueOrderedUniqueIndex(valueOrdered(getMvStore(), mapName), indexName, keys, sparse);
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
