package org.nrmplatform.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns every failure inside the gateway into an RFC 9457 problem, so callers never see a stack trace or Spring's
 * default error body. Problems answered by a backend are ordinary responses and do not pass through here.
 */
@Component
@Order(-2) // ahead of Boot's DefaultErrorWebExceptionHandler (-1)
class ProblemJsonErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorHandler.class);

    /**
     * What a caller is told to wait before retrying when a service is down, slow or failed mid-answer: about the
     * time a restarted service or store needs to answer again (README, "Recovery").
     */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ProblemWriter problems;

    ProblemJsonErrorHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        Failure failure = classify(exchange, ex);
        if (isTransient(failure.status())) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        return problems.write(exchange, failure.status(), failure.detail());
    }

    private Failure classify(ServerWebExchange exchange, Throwable ex) {
        String path = exchange.getRequest().getPath().value();
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route != null ? route.getId() : null;

        if (ex instanceof ResponseStatusException statusException) {
            HttpStatusCode status = statusException.getStatusCode();
            if (status.value() == HttpStatus.NOT_FOUND.value()) {
                return new Failure(status, "No API resource at " + path);
            }
            // The gateway's own response timeout surfaces as a 504 status exception.
            if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value() && service != null) {
                log.warn("{} did not answer {} in time", service, path);
                return new Failure(status, service + " did not respond in time; try again shortly");
            }
            String reason = statusException.getReason();
            return new Failure(status, reason != null ? reason : ProblemWriter.titleOf(status));
        }
        if (ex instanceof AuthenticationServiceException) {
            log.warn("The access token for {} could not be checked: {}", path,
                    ex.getCause() != null ? ex.getCause().toString() : ex.toString());
            return new Failure(HttpStatus.SERVICE_UNAVAILABLE,
                    "The access token cannot be checked at the moment; try again shortly");
        }
        if (service != null && isUnreachable(ex)) {
            log.warn("{} is not reachable for {}: {}", service, path, ex.toString());
            return new Failure(HttpStatus.SERVICE_UNAVAILABLE, service + " is not available; try again shortly");
        }
        if (service != null && ex instanceof IOException) {
            log.warn("{} failed while answering {}: {}", service, path, ex.toString());
            return new Failure(HttpStatus.BAD_GATEWAY, service + " failed to answer; try again shortly");
        }
        log.error("Unexpected failure handling {}", path, ex);
        return new Failure(HttpStatus.INTERNAL_SERVER_ERROR, "The gateway could not handle the request");
    }

    /** 502, 503 and 504: the service failed, is down or did not answer in time; the same request may work later. */
    private static boolean isTransient(HttpStatusCode status) {
        return status.value() == HttpStatus.BAD_GATEWAY.value() || status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                || status.value() == HttpStatus.GATEWAY_TIMEOUT.value();
    }

    /** Connection refused, connect timeout (Netty's is a ConnectException) or a host name that does not resolve. */
    private static boolean isUnreachable(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private record Failure(HttpStatusCode status, String detail) {
    }
}
