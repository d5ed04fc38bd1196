package org.nrmplatform.gateway;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * No request waits at the gateway for longer than {@code nrm.gateway.request-deadline}, whatever holds it: the
 * route's response timeout counts only from the moment the request has been sent on in full, so a request whose
 * body stalls on the way, or a filter that never completes, would otherwise wait for ever. Answered 504 with
 * Retry-After, like a service that does not answer; a response already begun is cut off instead.
 */
@Component
class RequestDeadline implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);

    private final Duration deadline;
    private final ProblemWriter problems;

    RequestDeadline(GatewayProperties properties, ProblemWriter problems) {
        this.deadline = properties.requestDeadline();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).timeout(deadline).onErrorResume(TimeoutException.class, late -> {
            log.warn("{} {} not answered within {}: 504", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), deadline);
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(late);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT,
                    "No answer within " + deadline.toSeconds() + " s; try again in a moment");
        });
    }

    /** Outside every other filter: the deadline covers them all. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
