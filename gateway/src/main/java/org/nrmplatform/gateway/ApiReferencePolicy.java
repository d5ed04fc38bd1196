package org.nrmplatform.gateway;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The Content-Security-Policy of the Swagger UI the gateway serves: its scripts, styles and the API documents come
 * from here only, nothing frames it. Only on its own pages: the web application and identity-service's sign-in
 * page carry policies of their own, which a second one would narrow further.
 */
@Component
class ApiReferencePolicy implements WebFilter, Ordered {

    /**
     * Swagger UI sets some styles inline from its scripts (hence 'unsafe-inline' for styles alone, which cannot run
     * code); the schema icons are data: images.
     */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/swagger-ui") || path.startsWith("/webjars/")) {
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", POLICY);
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
