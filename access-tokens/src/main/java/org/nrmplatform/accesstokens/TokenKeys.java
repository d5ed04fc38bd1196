package org.nrmplatform.accesstokens;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The keys that verify tokens, fetched from identity-service's key set and cached (Nimbus's caching source: one
 * fetch at a time, the others wait for it). A token naming a key id the cache does not hold makes the set be
 * fetched again only if the keys in hand are older than the cool-down: a flood of tokens with made-up key ids
 * costs identity-service at most one fetch per cool-down, and a rotated key is still picked up within it.
 * Nimbus's own rate limiter is not used because it allows two fetches per interval.
 */
public final class TokenKeys {

    private final JWKSource<SecurityContext> source;
    private final FetchTimes fetches;

    private TokenKeys(JWKSource<SecurityContext> source, FetchTimes fetches) {
        this.source = source;
        this.fetches = fetches;
    }

    /** The keys as Nimbus's caching source serves them: may block while the key set is fetched. */
    public JWKSource<SecurityContext> source() {
        return source;
    }

    /**
     * The keys the selector asks for among those last fetched, while they are younger than the cache's time to live
     * (less its refresh timeout); none otherwise. Never blocks: the event loop answers most tokens with these and
     * leaves the others to {@link #source()} on another thread.
     */
    public List<JWK> inHand(JWKSelector selector) {
        JWKSet last = fetches.lastFetched;
        boolean fresh = last != null && System.currentTimeMillis() - fetches.lastFetchedAt
                < JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE - JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT;
        return fresh ? selector.select(last) : List.of();
    }

    public static TokenKeys fetchedFrom(URI jwkSetUri, Duration refetchCooldown) {
        try {
            JWKSetSource<SecurityContext> url = new URLBasedJWKSetSource<>(jwkSetUri.toURL(),
                    new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
                            JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT));
            FetchTimes fetches = new FetchTimes(url);
            CachingJWKSetSource<SecurityContext> cache = new CachingJWKSetSource<>(fetches,
                    JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null);
            return new TokenKeys(new JWKSetBasedJWKSource<>(
                    new RefetchCooldown(cache, fetches, refetchCooldown.toMillis())), fetches);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("nrm.security.jwk-set-uri is not a URL: " + jwkSetUri, e);
        }
    }

    /** Remembers when the key set was last fetched (or a fetch was tried). */
    private static final class FetchTimes extends JWKSetSourceWrapper<SecurityContext> {

        private volatile long lastFetch = Long.MIN_VALUE;
        private volatile JWKSet lastFetched;
        private volatile long lastFetchedAt;

        FetchTimes(JWKSetSource<SecurityContext> source) {
            super(source);
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long now, SecurityContext context)
                throws KeySourceException {
            lastFetch = now;
            JWKSet fetched = getSource().getJWKSet(refresh, now, context);
            lastFetchedAt = now;
            lastFetched = fetched;
            return fetched;
        }
    }

    /**
     * Turns a refresh asked for an unknown key id into a cache read while the keys are younger than the cool-down.
     * A first load and a reload of an expired cache are never held back.
     */
    private static final class RefetchCooldown extends JWKSetSourceWrapper<SecurityContext> {

        private final FetchTimes fetches;
        private final long cooldownMillis;

        RefetchCooldown(JWKSetSource<SecurityContext> cache, FetchTimes fetches, long cooldownMillis) {
            super(cache);
            this.fetches = fetches;
            this.cooldownMillis = cooldownMillis;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long now, SecurityContext context)
                throws KeySourceException {
            boolean coolingDown = fetches.lastFetch != Long.MIN_VALUE && now - fetches.lastFetch < cooldownMillis;
            return getSource().getJWKSet(coolingDown ? JWKSetCacheRefreshEvaluator.noRefresh() : refresh, now,
                    context);
        }
    }
}
