package org.nrmplatform.throttling;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Bucket4j's buckets kept in a collection of the platform's store, one document per key: {@code _id} the key,
 * {@code state} Bucket4j's serialised bucket, {@code version} the compare-and-swap guard, {@code expiresAt} when
 * a full bucket may be forgotten. Every instance reading and writing the same collection draws from the same
 * bucket, and a restart forgets nothing. Bucket4j has no MongoDB backend of its own; its compare-and-swap
 * extension point needs only "read the state" and "replace it if nobody else did", which one document with a
 * version field gives: a write that finds another version changes nothing and Bucket4j retries.
 * <p>
 * The asynchronous variant (for the reactive gateway) runs the same driver calls on the given executor, so no
 * event-loop thread ever waits for the store.
 */
public final class StoredBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private static final String STATE = "state";
    private static final String VERSION = "version";
    private static final String EXPIRES_AT = "expiresAt";

    private final MongoCollection<Document> buckets;
    private final Executor executor;
    private volatile boolean expiryIndexed;

    /**
     * @param buckets  the collection (e.g. {@code rate_limit_buckets} in the component's own database)
     * @param executor where the asynchronous variant runs its store calls
     * @param idleFor  how long after its last write a bucket is refilled in any case and may be dropped by the
     *                 store (a TTL index where the store has them; the embedded store keeps it)
     */
    public StoredBuckets(MongoCollection<Document> buckets, Executor executor, Duration idleFor) {
        super(ClientSideConfig.getDefault()
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.fixedTimeToLive(idleFor)));
        this.buckets = buckets;
        this.executor = executor;
    }

    /**
     * The TTL index, made with the first bucket rather than at start: a component starts while the store is not
     * up yet (the gateway then lets requests pass), and making an existing index again changes nothing.
     */
    private void ensureExpiryIndex() {
        if (!expiryIndexed) {
            buckets.createIndex(Indexes.ascending(EXPIRES_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
            expiryIndexed = true;
        }
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new Swap(key);
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        Swap swap = new Swap(key);
        return new AsyncCompareAndSwapOperation() {
            @Override
            public CompletableFuture<Optional<byte[]>> getStateData(Optional<Long> timeoutNanos) {
                return CompletableFuture.supplyAsync(() -> swap.getStateData(timeoutNanos), executor);
            }

            @Override
            public CompletableFuture<Boolean> compareAndSwap(byte[] originalData, byte[] newData,
                                                             RemoteBucketState newState, Optional<Long> timeoutNanos) {
                return CompletableFuture.supplyAsync(
                        () -> swap.compareAndSwap(originalData, newData, newState, timeoutNanos), executor);
            }
        };
    }

    @Override
    public void removeProxy(String key) {
        buckets.deleteOne(Filters.eq("_id", key));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return CompletableFuture.runAsync(() -> removeProxy(key), executor);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return true;
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    /** One read-then-replace: the version read is the one the replacement must still find. */
    private final class Swap implements CompareAndSwapOperation {

        private final String key;
        private long versionRead;

        Swap(String key) {
            this.key = key;
        }

        @Override
        public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
            Document found = buckets.find(Filters.eq("_id", key))
                    .projection(Projections.include(STATE, VERSION)).first();
            if (found == null) {
                versionRead = 0;
                return Optional.empty();
            }
            versionRead = found.getLong(VERSION);
            return Optional.of(found.get(STATE, Binary.class).getData());
        }

        @Override
        public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                      Optional<Long> timeoutNanos) {
            Date expiresAt = new Date(System.currentTimeMillis()
                    + getClientSideConfig().getExpirationAfterWriteStrategy().orElseThrow()
                    .calculateTimeToLiveMillis(newState, currentTimeNanos()));
            if (originalData == null) {
                ensureExpiryIndex();
                try {
                    buckets.insertOne(new Document("_id", key).append(STATE, new Binary(newData))
                            .append(VERSION, 1L).append(EXPIRES_AT, expiresAt));
                    return true;
                } catch (MongoWriteException raced) {
                    if (raced.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                        return false; // another instance created it first: Bucket4j reads it and tries again
                    }
                    throw raced;
                }
            }
            return buckets.findOneAndUpdate(Filters.and(Filters.eq("_id", key), Filters.eq(VERSION, versionRead)),
                    Updates.combine(Updates.set(STATE, new Binary(newData)), Updates.inc(VERSION, 1L),
                            Updates.set(EXPIRES_AT, expiresAt))) != null;
        }
    }
}
