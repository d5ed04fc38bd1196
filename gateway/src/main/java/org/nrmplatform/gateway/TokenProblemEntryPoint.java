package org.nrmplatform.gateway;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request without a usable token with a problem saying what was wrong, and with the standard
 * {@code WWW-Authenticate: Bearer ...} challenge (RFC 6750) so OAuth2 clients know to fetch a new token.
 */
@Component
class TokenProblemEntryPoint implements ServerAuthenticationEntryPoint {

    /** Prefix of the decoder's messages; it adds nothing for a caller. */
    private static final String DECODER_PREFIX = "An error occurred while attempting to decode the Jwt: ";

    private final BearerTokenServerAuthenticationEntryPoint challenge = new BearerTokenServerAuthenticationEntryPoint();
    private final ProblemWriter problems;

    TokenProblemEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        ServerHttpResponse response = exchange.getResponse();
        // The challenge entry point sets status and header, then completes the response; keep it open for the body.
        ServerHttpResponse headersOnly = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> setComplete() {
                return Mono.empty();
            }
        };
        return challenge.commence(exchange.mutate().response(headersOnly).build(), failure)
                .then(Mono.defer(() -> problems.write(exchange, statusOf(response),
                        "A valid bearer token is required: " + reason(failure))));
    }

    /** 401 in practice; a malformed request (e.g. two tokens) is 400 by RFC 6750, and the challenge knows which. */
    private static HttpStatusCode statusOf(ServerHttpResponse response) {
        HttpStatusCode status = response.getStatusCode();
        return status != null ? status : HttpStatus.UNAUTHORIZED;
    }

    private static String reason(AuthenticationException failure) {
        // Raised by authorization for an anonymous request: no bearer token came with it.
        if (failure instanceof AuthenticationCredentialsNotFoundException) {
            return "the request carries no bearer token";
        }
        String message = failure.getMessage();
        if (message == null) {
            return "the token is not valid";
        }
        message = message.startsWith(DECODER_PREFIX) ? message.substring(DECODER_PREFIX.length()) : message;
        // A rejected signature is reported as "Failed to validate the token"; the decoder's cause says why.
        Throwable decoding = failure.getCause();
        String why = decoding != null && decoding.getCause() != null ? decoding.getCause().getMessage() : null;
        return why != null && !message.contains(why) ? message + ": " + why : message;
    }
}
