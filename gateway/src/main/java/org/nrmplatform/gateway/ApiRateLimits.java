package org.nrmplatform.gateway;

import static org.nrmplatform.contracts.identity.TokenClaims.CLIENT_ID;
import static org.nrmplatform.contracts.identity.TokenClaims.USER_ID;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nrmplatform.throttling.Limit;
import org.nrmplatform.throttling.StoredBuckets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Limits the requests each caller sends through each route, with Bucket4j's buckets in the platform's store
 * ({@link StoredBuckets}): a client over its limit gets a 429 problem with {@code Retry-After} (the seconds until
 * one more request is allowed) and is counted in {@code nrm.throttled{route, reason}}; other callers are not
 * affected. Runs after the token check, so a caller is known by its verified token, never by what it claims.
 * <p>
 * Should the store not answer, requests pass and a warning is logged: the services behind need the store
 * anyway, and a limit must not turn a short store outage into a refusal of every call.
 */
@Component
@ConditionalOnProperty(name = "nrm.gateway.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
class ApiRateLimits implements GlobalFilter, Ordered, AutoCloseable {

    static final String METRIC = "nrm.throttled";

    private static final Logger log = LoggerFactory.getLogger(ApiRateLimits.class);
    private static final Duration COUNTING_AT_MOST = Duration.ofSeconds(3);

    private final RateLimitProperties properties;
    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final MongoClient store;
    private final AsyncProxyManager<String> buckets;
    /** The most recently used proxies; a caller not seen for a while gets a new one over the same stored bucket. */
    private final Map<String, AsyncBucketProxy> proxies = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AsyncBucketProxy> eldest) {
            return size() > 10_000;
        }
    };

    ApiRateLimits(RateLimitProperties properties, ProblemWriter problems, MeterRegistry meters) {
        this.properties = properties;
        this.problems = problems;
        this.meters = meters;
        // short timeouts: a request must not wait for a store that is gone (it passes instead, see above)
        this.store = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.storeUri().toString()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS)
                        .readTimeout(5, TimeUnit.SECONDS))
                .build());
        this.buckets = new StoredBuckets(store.getDatabase(properties.database()).getCollection("rate_limit_buckets"),
                task -> Schedulers.boundedElastic().schedule(task), properties.idleFor()).asAsync();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty())
                .map(principal -> callerOf(principal.orElse(null), exchange, route.getId()))
                .flatMap(caller -> Mono.fromFuture(() -> bucketOf(caller.bucketKey(route.getId()), caller.limit())
                                .tryConsumeAndReturnRemaining(1))
                        // whatever holds the count up (the store, a bucket's pending synchronisation), a request
                        // never waits on it for longer than this: it passes, as when the store is down
                        .timeout(COUNTING_AT_MOST)
                        .onErrorResume(ApiRateLimits::storeFailed, unavailable -> {
                            log.warn("Rate limits not applied: the store did not answer ({})", unavailable.toString());
                            return Mono.just(ConsumptionProbe.consumed(1, 0));
                        })
                        .flatMap(probe -> probe.isConsumed() ? chain.filter(exchange)
                                : refuse(exchange, route.getId(), caller, probe)));
    }

    /**
     * The proxy of a bucket, kept while it is in use: a proxy holds the requests counted on this instance's copy
     * that are not yet written to the store ({@code unsynchronised-requests}).
     */
    private AsyncBucketProxy bucketOf(String key, Limit limit) {
        synchronized (proxies) {
            return proxies.computeIfAbsent(key, absent -> {
                var builder = buckets.builder();
                if (properties.unsynchronisedRequests() > 0) {
                    builder = builder.withOptimization(Optimizations.delaying(new DelayParameters(
                            properties.unsynchronisedRequests(), properties.unsynchronisedFor())));
                }
                return builder.build(key, () -> CompletableFuture.completedFuture(limit.bucket()));
            });
        }
    }

    /** The driver's failure, however Bucket4j's futures wrapped it, or no count within the time allowed. */
    private static boolean storeFailed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Ahead of the body limit (0): a refused request's body is never read. */
    @Override
    public int getOrder() {
        return -1;
    }

    @Override
    public void close() {
        store.close();
    }

    private Caller callerOf(Principal principal, ServerWebExchange exchange, String routeId) {
        if (principal instanceof JwtAuthenticationToken token) {
            String client = token.getToken().getClaimAsString(CLIENT_ID);
            String user = token.getToken().getClaimAsString(USER_ID);
            return new Caller("client", "client:" + client + (user != null ? "/user:" + user : ""),
                    properties.perClient(routeId));
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null ? "unknown" : remote.getAddress() != null
                ? remote.getAddress().getHostAddress() : remote.getHostString();
        return new Caller("address", "address:" + address, properties.perAddress(routeId));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String routeId, Caller caller, ConsumptionProbe probe) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        Counter.builder(METRIC).tag("route", routeId).tag("reason", caller.reason())
                .description("requests refused for going over a rate limit")
                .register(meters).increment();
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this "
                + ("client".equals(caller.reason()) ? "client" : "address") + " to " + routeId + ": at most "
                + caller.limit().requests() + " per " + caller.limit().per() + "; retry after " + seconds + " s");
    }

    /**
     * @param reason which limit applies: {@code client} (a verified token) or {@code address} (no token)
     * @param key    whose bucket
     */
    private record Caller(String reason, String key, Limit limit) {

        /** The limit is part of the key: a changed limit starts a bucket of its own rather than inherit one. */
        String bucketKey(String routeId) {
            return routeId + "|" + key + "|" + limit.requests() + "/" + limit.per();
        }
    }
}
