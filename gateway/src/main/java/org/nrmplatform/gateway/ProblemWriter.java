package org.nrmplatform.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes an RFC 9457 problem as the gateway's own answer, so failures of routing and of token checks look the same
 * to a caller: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, {@code correlationId}.
 */
@Component
class ProblemWriter {

    private final JsonMapper jsonMapper;

    ProblemWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        byte[] body = body(status, detail, exchange.getRequest().getPath().value(), CorrelationIdFilter.of(exchange));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** The body alone, for refusals made below the exchange (Netty's codec); instance and id may be null. */
    byte[] body(HttpStatusCode status, String detail, String instance, String correlationId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", titleOf(status));
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        if (correlationId != null) {
            problem.put("correlationId", correlationId);
        }
        return jsonMapper.writeValueAsBytes(problem);
    }

    static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error " + status.value();
    }
}
