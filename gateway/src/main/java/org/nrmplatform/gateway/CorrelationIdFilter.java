package org.nrmplatform.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request a correlation id, forwards it to the backend and returns it to the caller.
 * <p>
 * A {@link WebFilter} rather than a gateway {@code GlobalFilter} because global filters only run for matched
 * routes, and unrouted requests (404s, actuator) must carry the id too.
 */
@Component
class CorrelationIdFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Correlation-Id";

    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".correlationId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String correlationId = acceptedOrNew(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, correlationId);
        // Set at commit time so it overrides whatever a backend sent and is present on error responses too.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, correlationId);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, correlationId)))
                .build());
    }

    /** Ahead of Spring Security's filter chain (-100), so refusals for a missing or bad token carry the id too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The id assigned to this exchange, or {@code null} if the request never passed this filter. */
    static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    private static String acceptedOrNew(String offered) {
        return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
