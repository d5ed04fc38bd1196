package org.nrmplatform.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What checking the token adds to each call at the gateway: two gateways in one JVM, against the same stub backend,
 * one as configured for production and one with the token check switched off by a test-only configuration. Both
 * get the same calls with the same valid token, sequentially over one kept-alive connection, alternating in blocks
 * so that drift (JIT, GC, machine load) affects both alike. Run with {@code mvn -o test -Pbenchmark}.
 */
@Tag("benchmark")
class TokenValidationBenchmark {

    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 3000);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 5000);
    private static final int BLOCK = 500;
    private static final String PATH = "/api/cases/c-1";

    @Test
    void tokenCheckLatencyPerRequest() {
        StubTokenIssuer issuer = StubTokenIssuer.get();
        String token = issuer.validToken();
        try (StubBackend backend = new StubBackend("case-service");
                ConfigurableApplicationContext checked = gateway(backend, issuer, GatewayApplication.class);
                ConfigurableApplicationContext unchecked = gateway(backend, issuer, GatewayApplication.class,
                        TokenCheckOff.class)) {
            GatewayClient withCheck = new GatewayClient(portOf(checked), token);
            GatewayClient withoutCheck = new GatewayClient(portOf(unchecked), token);
            // The switch works, and only where it was set.
            assertThat(new GatewayClient(portOf(checked)).get(PATH).statusCode()).isEqualTo(401);
            assertThat(new GatewayClient(portOf(unchecked)).get(PATH).statusCode()).isEqualTo(200);

            time(withCheck, WARM_UP);
            time(withoutCheck, WARM_UP);
            long[] checkedNanos = new long[REQUESTS];
            long[] uncheckedNanos = new long[REQUESTS];
            for (int done = 0; done < REQUESTS; done += BLOCK) {
                int block = Math.min(BLOCK, REQUESTS - done);
                System.arraycopy(time(withCheck, block), 0, checkedNanos, done, block);
                System.arraycopy(time(withoutCheck, block), 0, uncheckedNanos, done, block);
            }
            report(checkedNanos, uncheckedNanos);
        }
    }

    private static ConfigurableApplicationContext gateway(StubBackend backend, StubTokenIssuer issuer,
            Class<?>... sources) {
        return gateway(backend, issuer, List.of(), sources);
    }

    /** With {@code extra} arguments; rate limits on, in the test store, far above what a benchmark sends. */
    static ConfigurableApplicationContext gateway(StubBackend backend, StubTokenIssuer issuer, List<String> extra,
            Class<?>... sources) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--nrm.store.uri=" + TestStore.uri(),
                "--nrm.gateway.rate-limits.per-client.requests=1000000000",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--nrm.gateway.services.case-service=" + backend.url(),
                "--nrm.gateway.services.referral-service=" + backend.url(),
                "--nrm.gateway.services.identity-service=" + backend.url(),
                "--nrm.security.issuer=" + StubTokenIssuer.ISSUER,
                "--nrm.security.jwk-set-uri=" + issuer.jwkSetUri(),
                "--nrm.security.revocations-uri=" + issuer.revocationsUri()));
        arguments.addAll(extra);
        // As arguments: they outrank application.yml, unlike the builder's default properties.
        return new SpringApplicationBuilder(sources).run(arguments.toArray(String[]::new));
    }

    static int portOf(ConfigurableApplicationContext gateway) {
        return gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static long[] time(GatewayClient client, int requests) {
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.get(PATH);
            nanos[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return nanos;
    }

    private static void report(long[] checked, long[] unchecked) {
        Arrays.sort(checked);
        Arrays.sort(unchecked);
        System.out.printf("%nToken check at the gateway: %d sequential GET %s per gateway after %d warm-up calls%n",
                REQUESTS, PATH, WARM_UP);
        System.out.printf("%-22s %10s %10s %10s%n", "", "median", "p99", "mean");
        line("with token check", median(checked), p99(checked), mean(checked));
        line("without token check", median(unchecked), p99(unchecked), mean(unchecked));
        line("added by the check", median(checked) - median(unchecked), p99(checked) - p99(unchecked),
                mean(checked) - mean(unchecked));
        System.out.println();
    }

    private static void line(String label, double median, double p99, double mean) {
        System.out.printf("%-22s %8.0fµs %8.0fµs %8.0fµs%n", label, median / 1000, p99 / 1000, mean / 1000);
    }

    static double median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    static double p99(long[] sorted) {
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    /**
     * Test-only: a security chain ahead of the gateway's that lets every call through, so the rest of the security
     * filters still run and the difference is the token check itself. Deliberately not a {@code @Configuration}: it
     * must not be picked up by component scanning, only where this benchmark adds it.
     */
    static class TokenCheckOff {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityWebFilterChain everythingOpen(ServerHttpSecurity http) {
            return http
                    .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                    .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                    .logout(ServerHttpSecurity.LogoutSpec::disable)
                    .build();
        }
    }
}
