package org.nrmplatform.identityservice.throttling;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.nrmplatform.throttling.Limit;
import org.nrmplatform.shared.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ahead of Spring Security, on the two places where a secret is tried: {@code POST /oauth2/token} (per client id
 * and per source address) and {@code POST /login} (per user name and per source address). A request is refused
 * with a 429 problem and {@code Retry-After} when its name or address is over its rate, when the name is in its
 * back-off or locked after failures in a row (even with the right secret), or when its address has sent too many
 * wrong ones (a browser's sign-in form is sent back to the sign-in page instead, which says why in the person's
 * language: {@code /login?locked} or {@code /login?wait=<seconds>}); each refusal is counted in {@code nrm.throttled{endpoint, reason}}. The failures themselves are
 * counted after the attempt ({@link SignInOutcomes}).
 */
class SignInThrottle extends OncePerRequestFilter {

    static final String METRIC = "nrm.throttled";
    static final String TOKEN_ENDPOINT = "/oauth2/token";
    static final String SIGN_IN = "/login";

    private final ThrottlingProperties properties;
    private final ProxyManager<String> buckets;
    private final FailedSignIns failures;
    private final MeterRegistry meters;

    SignInThrottle(ThrottlingProperties properties, ProxyManager<String> buckets, FailedSignIns failures,
                   MeterRegistry meters) {
        this.properties = properties;
        this.buckets = buckets;
        this.failures = failures;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !(TOKEN_ENDPOINT.equals(path) || SIGN_IN.equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean token = request.getRequestURI().endsWith(TOKEN_ENDPOINT);
        String endpoint = token ? "token" : "sign-in";
        String address = "address:" + request.getRemoteAddr();
        Optional<String> name = token ? clientIdOf(request).map(FailedSignIns::client)
                : Optional.ofNullable(request.getParameter("username")).filter(u -> !u.isBlank())
                        .map(FailedSignIns::user);
        Limit perName = token ? properties.tokenEndpoint().perClient() : properties.signIn().perUser();
        Limit perAddress = token ? properties.tokenEndpoint().perAddress() : properties.signIn().perAddress();

        ConsumptionProbe addressRate = take(endpoint + "|" + address, perAddress);
        if (!addressRate.isConsumed()) {
            refuse(request, response, endpoint, "address", wait(addressRate),
                    "Too many requests from this address; at most " + perAddress);
            return;
        }
        if (name.isPresent()) {
            ConsumptionProbe nameRate = take(endpoint + "|" + name.get(), perName);
            if (!nameRate.isConsumed()) {
                refuse(request, response, endpoint, token ? "client" : "user", wait(nameRate),
                        "Too many requests for this " + (token ? "client" : "user name") + "; at most " + perName);
                return;
            }
            Optional<FailedSignIns.Wait> held = failures.waitFor(name.get());
            if (held.isPresent()) {
                boolean locked = held.get().hold() == FailedSignIns.Hold.LOCKED;
                refuse(request, response, endpoint, locked ? "locked" : "backoff", held.get().duration(),
                        locked ? "Too many failed sign-ins in a row: locked until the lock ends or an administrator "
                                + "lifts it"
                                : "Too many failed sign-ins in a row: each further failure doubles the wait");
                return;
            }
        }
        EstimationProbe wrongFromAddress = addressFailures(buckets, properties, request.getRemoteAddr())
                .estimateAbilityToConsume(1);
        if (!wrongFromAddress.canBeConsumed()) {
            refuse(request, response, endpoint, "address-failures",
                    Duration.ofNanos(wrongFromAddress.getNanosToWaitForRefill()),
                    "Too many failed sign-ins from this address; at most " + properties.addressFailures());
            return;
        }
        chain.doFilter(request, response);
    }

    /** The failures one address may still send: read here, drawn from when a secret or password was wrong. */
    static Bucket addressFailures(ProxyManager<String> buckets, ThrottlingProperties properties, String address) {
        Limit limit = properties.addressFailures();
        return buckets.getProxy("failures|address:" + address + "|" + limit.requests() + "/" + limit.per(),
                limit::bucket);
    }

    private ConsumptionProbe take(String key, Limit limit) {
        BucketConfiguration configuration = limit.bucket();
        // the limit is part of the key: a changed limit starts a bucket of its own rather than inherit one
        return buckets.getProxy(key + "|" + limit.requests() + "/" + limit.per(), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
    }

    private static Duration wait(ConsumptionProbe probe) {
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String endpoint, String reason,
                        Duration wait, String detail) throws IOException {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.toNanos() + 999_999_999L));
        Counter.builder(METRIC).tag("endpoint", endpoint).tag("reason", reason)
                .description("token requests and sign-ins refused for their rate, back-off or lock")
                .register(meters).increment();
        if ("sign-in".equals(endpoint) && fromTheSignInPage(request)) {
            // a person at the sign-in page reads why on the page, in their language, with the form to try again
            response.sendRedirect(request.getContextPath() + SIGN_IN + ("locked".equals(reason) ? "?locked"
                    : "?wait=" + seconds));
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        ProblemWriter.write(request, response, HttpStatus.TOO_MANY_REQUESTS, detail + "; retry after " + seconds
                + " s");
    }

    /**
     * A browser's form post: it asks for HTML by name ({@code *}/{@code *} alone is any client's default). Any other
     * caller gets the 429 problem with {@code Retry-After}.
     */
    private static boolean fromTheSignInPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    /** The client id of HTTP Basic (client_secret_basic), else of the form (client_secret_post, public clients). */
    static Optional<String> clientIdOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.empty(); // Spring Security answers it as the malformed request it is
            }
        }
        return Optional.ofNullable(request.getParameter("client_id")).filter(id -> !id.isBlank());
    }
}
