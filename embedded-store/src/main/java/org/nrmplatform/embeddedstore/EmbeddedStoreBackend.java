package org.nrmplatform.embeddedstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend made durable, with unique indexes whose keys compare by value.
 *
 * <p><b>Durable acknowledgements.</b> The plain backend leaves writes in memory and lets H2 write them to its file
 * about once a second, so a hard kill lost what the store had already acknowledged. Here every command that
 * changes data is appended to a {@link WriteAheadLog} in the order it was executed (writes run one at a time, so
 * that order is the only one), and a write that asks for journaled acknowledgement (write concern {@code j:true},
 * {@code fsync:true} or {@code w:"majority"}, as MongoDB reads them) is answered only once its record and every
 * one before it are synced: one sync serves every write waiting at that moment. Other writes are synced within
 * {@link Settings#maxUnsyncedDelay}, as MongoDB's journal does. A read with read concern {@code majority} is
 * answered only once every write to its collection that it may have seen is synced, so that its reader never acts on a write a crash
 * could still take back (a tracking processor that had read an event lost in a crash would skip the event that
 * takes its number after the restart); other reads see what is in memory, as MongoDB's {@code local} reads do. H2 no longer commits by itself: a checkpoint,
 * about once a second, commits the store file with the last LSN it holds, under the write lock so that no
 * command is half in it, syncs it, and deletes the log segments it covers. On opening, the log's records above
 * that LSN are executed again, in order, before the server accepts connections.
 *
 * <p>Replaying a command gives the state it gave the first time, with one exception that the platform does
 * not meet: an upsert whose filter names no {@code _id} gets a new ObjectId when it is replayed.
 *
 * <p><b>Unique indexes compare keys by value</b> ({@link IndexKeyType}) instead of by their Java serialization.
 * Documents and index entries are stored exactly as before; only the order of an index map differs, so an index
 * written by the plain backend is put into the new order once, when it is first opened (a copy that replaces the
 * original only when it is complete, so that a crash in between repeats the copy rather than losing entries).
 */
public final class EmbeddedStoreBackend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreBackend.class);

    /** Names of the index maps that are in value order. */
    static final String VALUE_ORDERED_INDEXES = "nrm.valueOrderedIndexes";
    private static final String COPY_SUFFIX = ".valueOrdered";
    /** The write-ahead log's state kept in the store file: the LSN of the last command the file holds. */
    static final String WAL_STATE = "nrm.writeAheadLog";
    private static final String CHECKPOINTED_LSN = "checkpointedLsn";
    /** Chunks are compacted while less than this share (percent) of the file's chunks is live. */
    static final int COMPACT_BELOW_FILL_RATE = 80;
    private static final int COMPACTION_BYTES_PER_CHECKPOINT = 4 * 1024 * 1024;

    /** Commands that never change data; every other command is logged (an unknown one costs a record, no more). */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
            "listindexes", "listdatabases", "ismaster", "hello", "buildinfo", "ping", "serverstatus", "whatsmyuri",
            "getlasterror", "reseterror", "dbstats", "collstats", "validate", "killcursors", "endsessions",
            "getparameter", "getlog", "hostinfo", "connectionstatus", "replsetgetstatus", "getcmdlineopts",
            "getfreemonitoringstatus", "saslstart", "saslcontinue", "logout", "currentop");

    /**
     * How the store keeps its promises; {@link #DEFAULT} is what {@code infra/nrm} runs.
     *
     * @param segmentMegabytes the size of a write-ahead log segment (written with zeros ahead)
     * @param acknowledgesFromMemory answer journaled writes and majority reads without waiting for the disk, as
     *     the store did before its write-ahead log: a crash then loses acknowledged writes. Only the event store
     *     benchmark sets it, to measure what durability costs against exactly that behaviour.
     */
    public record Settings(Duration checkpointInterval, Duration maxUnsyncedDelay, int checkpointMegabytes,
                           int segmentMegabytes, boolean acknowledgesFromMemory) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofMillis(100), 16, 8,
                false);

        Settings acknowledgingFromMemory() {
            return new Settings(checkpointInterval, maxUnsyncedDelay, checkpointMegabytes, segmentMegabytes, true);
        }
    }

    private final ReentrantLock writes = new ReentrantLock();
    /** The LSN of the last write to each collection (written under the write lock). */
    private final Map<String, Long> lastWrites = new ConcurrentHashMap<>();
    private static final String ANY_COLLECTION = "*";
    private final MVMap<String, Long> walState;
    private final Settings settings;
    private final Path walDirectory;
    private final Path storeFile;
    private WriteAheadLog wal;
    private ScheduledExecutorService checkpoints;
    private final AtomicBoolean checkpointRequested = new AtomicBoolean();
    private final AtomicBoolean spareRequested = new AtomicBoolean();
    private long checkpointedLsn;
    private final StoreBackup.Requests backups = new StoreBackup.Requests(this);
    /** How many writes the opening executed again from the write-ahead log. */
    private long replayedAtOpening;

    private EmbeddedStoreBackend(MVStore store, Path storeFile, Path walDirectory, Settings settings) {
        super(store);
        this.storeFile = storeFile;
        this.settings = settings;
        this.walDirectory = walDirectory;
        this.walState = store.openMap(WAL_STATE);
    }

    /**
     * Opens the store file, executes again what its write-ahead log holds beyond it, and starts logging.
     *
     * @param walDirectory where the log's segments are kept (beside the store file)
     */
    public static EmbeddedStoreBackend open(Path storeFile, Path walDirectory, Settings settings) throws IOException {
        return open(storeFile, walDirectory, settings, false);
    }

    /**
     * @param restoring the files come from a backup ({@link StoreRestore}): the log's records beyond the store file
     *     are the writes the backup took after its checkpoint, not the sign of a crash
     */
    static EmbeddedStoreBackend open(Path storeFile, Path walDirectory, Settings settings, boolean restoring)
            throws IOException {
        MVStore store = new MVStore.Builder().fileName(storeFile.toString())
                .cacheSize(cacheMegabytes(Runtime.getRuntime().maxMemory()))
                .autoCommitDisabled().autoCommitBufferSize(0) // only checkpoints commit (see the class comment)
                .open();
        EmbeddedStoreBackend backend;
        try {
            backend = new EmbeddedStoreBackend(store, storeFile, walDirectory, settings);
            backend.recover(restoring);
        } catch (IOException | RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        return backend;
    }

    private void recover(boolean restoring) throws IOException {
        long checkpointed = walState.getOrDefault(CHECKPOINTED_LSN, 0L);
        EmbeddedChannel replaying = new EmbeddedChannel();
        long[] replayed = {0};
        long[] refusedCount = {0};
        List<String> refused = new ArrayList<>(); // the first few, named in the log
        long last = WriteAheadLog.replay(walDirectory, checkpointed, entry -> {
            String refusal;
            try {
                Document reply = super.handleCommand(replaying, entry.database(), entry.command(), entry.query());
                refusal = reply.get("writeErrors") instanceof List<?> errors && !errors.isEmpty()
                        ? String.valueOf(errors.get(0)) : null;
            } catch (RuntimeException e) {
                refusal = e.toString();
            }
            if (refusal != null && refusedCount[0]++ < 20) {
                // as it was the first time, as a rule (a duplicate key refused then is refused again); named, so
                // that a write that succeeded then and not now cannot go unseen
                refused.add("LSN " + entry.lsn() + " " + entry.command() + " on " + entry.database() + ": "
                        + refusal);
            }
            replayed[0]++;
        });
        handleClose(replaying);
        replayedAtOpening = replayed[0];
        if (replayed[0] > 0 && !restoring) {
            // an operator reads this after a crash: the store was not shut down cleanly, and nothing was lost
            log.warn("the store was not shut down cleanly: executed {} writes again from the write-ahead log "
                    + "(through LSN {}); {} of them were refused, as writes refused when first executed are: {}",
                    replayed[0], last, refusedCount[0], refused);
        }
        walState.put(CHECKPOINTED_LSN, last);
        getMvStore().commit();
        getMvStore().sync();
        checkpointedLsn = last;
        wal = WriteAheadLog.open(walDirectory, last, settings.maxUnsyncedDelay(),
                settings.segmentMegabytes() * 1024 * 1024);
        checkpoints = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "nrm-store-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.checkpointInterval().toMillis();
        checkpoints.scheduleWithFixedDelay(this::checkpointQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document backupAnswer = backups.answer(command, query);
        if (backupAnswer != null) { // never logged: a backup changes no data
            return backupAnswer;
        }
        if (READS.contains(command.toLowerCase(Locale.ROOT)) || isReadOnlyAggregate(command, query)) {
            Document reply = super.handleCommand(channel, databaseName, command, query);
            if (readsOnlyDurableWrites(query) && !settings.acknowledgesFromMemory()) {
                long seen;
                writes.lock(); // a write it may have seen has its record once the write lock is free
                try {
                    seen = Math.max(lastWrites.getOrDefault(namespace(databaseName, command, query), 0L),
                            lastWrites.getOrDefault(ANY_COLLECTION, 0L));
                } finally {
                    writes.unlock();
                }
                awaitDurable(seen);
            }
            return reply;
        }
        long lsn;
        Document reply;
        writes.lock();
        try {
            try {
                reply = super.handleCommand(channel, databaseName, command, query);
            } finally { // logged also when it failed: it may have changed something before failing
                lsn = wal.append(databaseName, command, query);
                lastWrites.put(namespace(databaseName, command, query), lsn);
            }
        } finally {
            writes.unlock();
        }
        if (getMvStore().getUnsavedMemory() > settings.checkpointMegabytes() * 1024L * 1024L
                && checkpointRequested.compareAndSet(false, true)) {
            checkpoints.execute(this::checkpointQuietly);
        }
        if (wal.needsSpare() && spareRequested.compareAndSet(false, true)) { // a segment filled up and took it
            checkpoints.execute(this::allocateSpareQuietly);
        }
        if (waitsForTheDisk(query) && !settings.acknowledgesFromMemory()) {
            awaitDurable(lsn);
        }
        return reply;
    }

    private void awaitDurable(long lsn) {
        try {
            wal.awaitDurable(lsn);
        } catch (IOException e) {
            throw new MongoServerException("not synced to the disk: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MongoServerException("interrupted while waiting for the disk");
        }
    }

    /**
     * The collection a command names (as {@code find}, {@code insert}, {@code update} do), or
     * {@link #ANY_COLLECTION} for one that names none (dropping a database, renaming): a majority read waits only
     * for the writes to its own collection, so that a processor's poll of the events does not wait for the sync
     * of unrelated writes.
     */
    private static String namespace(String databaseName, String command, Document query) {
        return query.get(command) instanceof String collection ? databaseName + "." + collection : ANY_COLLECTION;
    }

    /**
     * Read concerns under which MongoDB returns only what a crash cannot take back ({@code majority} and
     * stronger): the reply waits until every write the read may have seen is synced.
     */
    static boolean readsOnlyDurableWrites(Document query) {
        return query.get("readConcern") instanceof Document concern
                && Set.of("majority", "linearizable", "snapshot").contains(String.valueOf(concern.get("level")));
    }

    /**
     * Copies the store as of this moment into {@code target}: a checkpoint under the write lock, the store file it
     * committed (copied while no other checkpoint may run, so nothing writes to the file), then, under the write
     * lock again, the extent of the log segments holding every write after that checkpoint up to this moment, copied
     * while writes go on. That is what a crash at that moment would leave, minus nothing: the opening executes
     * the copied records above the file's LSN again (docs/architecture.md, decision 27, "Backup").
     */
    synchronized StoreBackup.Copied backUp(StoreBackup backup) throws IOException {
        checkpoint(); // reentrant: the monitor stays held until the copy is done
        long fileLsn = checkpointedLsn;
        backup.copyStoreFile(storeFile);
        List<WriteAheadLog.SegmentExtent> extent;
        long lastLsn;
        long events;
        writes.lock();
        try {
            extent = wal.extentAfter(fileLsn);
            lastLsn = wal.lastAppended();
            events = documents(StoreBackup.EVENTS_DATABASE, StoreBackup.EVENTS_COLLECTION);
        } finally {
            writes.unlock();
        }
        backup.copyLog(extent);
        return new StoreBackup.Copied(fileLsn, lastLsn, events);
    }

    /** The documents a collection holds now (0 where there is none). */
    long documents(String database, String collection) {
        if (!listDatabaseNames().contains(database)) {
            return 0;
        }
        var found = resolveDatabase(database).resolveCollection(collection, false);
        return found == null ? 0 : found.count();
    }

    long lastAppended() {
        return wal.lastAppended();
    }

    long replayedAtOpening() {
        return replayedAtOpening;
    }

    /** The LSN of the last write executed, and of the last one synced to the disk. */
    long[] logPosition() {
        return new long[] {wal.lastAppended(), wal.durableThrough()};
    }

    /** Write concerns that MongoDB acknowledges only once the write is in its journal. */
    static boolean waitsForTheDisk(Document query) {
        if (!(query.get("writeConcern") instanceof Document concern)) {
            return false;
        }
        return Boolean.TRUE.equals(concern.get("j")) || Boolean.TRUE.equals(concern.get("fsync"))
                || "majority".equals(concern.get("w"));
    }

    private static boolean isReadOnlyAggregate(String command, Document query) {
        if (!command.equalsIgnoreCase("aggregate") || !(query.get("pipeline") instanceof List<?> pipeline)) {
            return false;
        }
        return pipeline.stream().noneMatch(stage -> stage instanceof Document d
                && (d.containsKey("$out") || d.containsKey("$merge")));
    }

    /**
     * Commits the store file with everything executed so far and the LSN of the last of it, then deletes the log
     * segments that commit covers (the current one stays: replay skips its records at or below that LSN).
     * Commands wait meanwhile; reads do not.
     */
    synchronized void checkpoint() throws IOException {
        checkpointRequested.set(false);
        if (wal == null) {
            return;
        }
        long lsn;
        writes.lock();
        try {
            lsn = wal.lastAppended();
            if (lsn == checkpointedLsn) {
                return;
            }
            walState.put(CHECKPOINTED_LSN, lsn);
            getMvStore().commit();
        } finally {
            writes.unlock();
        }
        getMvStore().sync();
        checkpointedLsn = lsn;
        wal.discardThrough(lsn);
        compact();
    }

    /**
     * Moves the live pages out of the file's sparsest chunks, a few megabytes per checkpoint; the next commit
     * writes them, and a chunk left with no live page is reused once H2's retention time has passed. H2 does
     * this only from its background writer, which does not run here (only checkpoints commit): without it,
     * every commit's rewritten pages stayed in the file, which grew to 3 GB in ten minutes of benchmark runs, and
     * inserts read scattered pages back from the file instead of the cache.
     */
    private void compact() {
        try {
            getMvStore().compact(COMPACT_BELOW_FILL_RATE, COMPACTION_BYTES_PER_CHECKPOINT);
        } catch (RuntimeException e) { // the checkpoint itself is done; only the file's tidying waits for the next
            log.warn("compacting the store file failed; the next checkpoint tries again", e);
        }
    }

    private void allocateSpareQuietly() {
        spareRequested.set(false);
        try {
            wal.allocateSpare();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the next write-ahead log segment ahead; the next one grows as it is written", e);
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            log.error("checkpoint failed; the write-ahead log keeps every write until the next one succeeds", e);
        }
    }

    /** A last checkpoint, then the log and the file are closed. */
    @Override
    public void close() {
        if (checkpoints != null) {
            // never interrupt it: an interrupt closes the file channel under H2, which then refuses the file
            checkpoints.shutdown();
            try {
                if (!checkpoints.awaitTermination(60, TimeUnit.SECONDS)) {
                    log.warn("a checkpoint is still running after 60 s; closing anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (!getMvStore().isClosed()) {
                checkpoint();
                if (wal != null) {
                    wal.closeCovered(); // the file holds every record now
                }
            } else if (wal != null) {
                wal.close();
            }
        } catch (IOException e) {
            log.error("closing the write-ahead log failed; it is replayed at the next start", e);
        }
        super.close();
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

        /**
         * As H2Database opens it (its map names, which files written before keep), with documents and keys written
         * as BSON ({@link BsonObjectType}).
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = getMvStore().openMap("databases." + fullName,
                    new MVMap.Builder<Object, Document>().keyType(new BsonObjectType()).valueType(new BsonObjectType()));
            MVMap<String, Object> meta = getMvStore().openMap("meta." + fullName);
            return new H2Collection(this, collectionName, options, documents, meta, cursorRegistry);
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
            // a new index is created inside a logged command: committing then would put half a command in the file
            boolean converted = store.hasMap(mapName) || store.hasMap(copyName);
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
            if (converted) { // the swap must be on the disk before the copy's source is gone for good
                store.commit();
            }
        }
        return open(store, mapName);
    }

    private static MVMap<KeyValue, Object> open(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE)
                .valueType(new BsonObjectType()));
    }
}
