package org.nrmplatform.gateway;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refuses request bodies larger than {@code nrm.gateway.max-request-size} with 413, whether the size is declared
 * in Content-Length or the body arrives chunked.
 */
@Component
class RequestBodyLimit implements GlobalFilter, Ordered {

    private final int maxBytes;

    RequestBodyLimit(GatewayProperties properties) {
        // Chunked bodies are held in memory up to this size, so it has to fit in an int anyway.
        this.maxBytes = Math.toIntExact(properties.maxRequestSize().toBytes());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declaredLength = request.getHeaders().getContentLength();
        if (declaredLength > maxBytes) {
            return Mono.error(tooLarge());
        }
        if (declaredLength >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        // A chunked body announces no size. Reading it (up to the limit) before forwarding means a backend never
        // receives a command that is cut off midway when the limit is hit.
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(RequestBodyLimit::bytesOf)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, ex -> tooLarge())
                .flatMap(body -> chain.filter(exchange.mutate().request(withBody(request, body)).build()));
    }

    @Override
    public int getOrder() {
        return 0;
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "Request body exceeds the limit of " + maxBytes + " bytes");
    }

    private static byte[] bytesOf(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** Unpooled copy, so nothing leaks when the backend is never reached and a retry can read it again. */
    private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }
}
