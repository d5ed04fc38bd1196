package org.nrmplatform.gateway;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.nrmplatform.gateway.TokenValidationBenchmark.gateway;
import static org.nrmplatform.gateway.TokenValidationBenchmark.median;
import static org.nrmplatform.gateway.TokenValidationBenchmark.p99;
import static org.nrmplatform.gateway.TokenValidationBenchmark.portOf;
import static org.nrmplatform.gateway.TokenValidationBenchmark.time;

/**
 * What the rate limit adds to each call at the gateway (a bucket read and a compare-and-swap in the store, here the
 * in-process test store): two gateways against the same stub backend, one with the limits on (far above what is
 * sent) and one with them off, the same calls with the same token, alternating in blocks. Prints, asserts nothing
 * about time. Run with {@code mvn -o test -Pbenchmark -Dtest=RateLimitBenchmark}.
 */
@Tag("benchmark")
class RateLimitBenchmark {

    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 2000);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 3000);
    private static final int BLOCK = 500;

    @Test
    void rateLimitLatencyPerRequest() {
        StubTokenIssuer issuer = StubTokenIssuer.get();
        String token = issuer.validToken();
        try (StubBackend backend = new StubBackend("case-service");
                ConfigurableApplicationContext limited = gateway(backend, issuer, List.of(), GatewayApplication.class);
                ConfigurableApplicationContext unlimited = gateway(backend, issuer,
                        List.of("--nrm.gateway.rate-limits.enabled=false"), GatewayApplication.class)) {
            GatewayClient withLimit = new GatewayClient(portOf(limited), token);
            GatewayClient withoutLimit = new GatewayClient(portOf(unlimited), token);
            time(withLimit, WARM_UP);
            time(withoutLimit, WARM_UP);
            long[] limitedNanos = new long[REQUESTS];
            long[] unlimitedNanos = new long[REQUESTS];
            for (int done = 0; done < REQUESTS; done += BLOCK) {
                int block = Math.min(BLOCK, REQUESTS - done);
                System.arraycopy(time(withLimit, block), 0, limitedNanos, done, block);
                System.arraycopy(time(withoutLimit, block), 0, unlimitedNanos, done, block);
            }
            Arrays.sort(limitedNanos);
            Arrays.sort(unlimitedNanos);
            System.out.printf("%nRate limit at the gateway: %d sequential GETs per gateway after %d warm-up calls%n",
                    REQUESTS, WARM_UP);
            System.out.printf("with limit    median %6.0fµs  p99 %6.0fµs%n", median(limitedNanos) / 1000,
                    p99(limitedNanos) / 1000);
            System.out.printf("without limit median %6.0fµs  p99 %6.0fµs%n", median(unlimitedNanos) / 1000,
                    p99(unlimitedNanos) / 1000);
            System.out.printf("added         median %6.0fµs  p99 %6.0fµs%n%n",
                    (median(limitedNanos) - median(unlimitedNanos)) / 1000,
                    (p99(limitedNanos) - p99(unlimitedNanos)) / 1000);
        }
    }
}
