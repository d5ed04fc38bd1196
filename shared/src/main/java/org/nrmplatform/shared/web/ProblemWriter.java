package org.nrmplatform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem where no controller answers (servlet filters, the security filters, Tomcat's own refusals),
 * in the same shape as {@link ProblemResponses} gives the controllers' failures: one place for the body, its
 * content type and the Retry-After of a 503.
 */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    /** A problem titled by the status's reason phrase. */
    public static ProblemDetail problem(HttpStatusCode status, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return problem(status, known != null ? known.getReasonPhrase() : "Error " + status.value(), detail);
    }

    public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }

    /** A problem titled by the status's reason phrase, for the path asked for. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                             String detail) throws IOException {
        write(response, problem(status, detail), request.getRequestURI());
    }

    /**
     * Sets the status, the content type and, for a 503, when to retry, and writes the body. {@code instance} is
     * the path asked for, or null where it is not known; the correlation id is taken from the request's context
     * or else from the header the correlation id filter set.
     */
    public static void write(HttpServletResponse response, ProblemDetail problem, String instance) throws IOException {
        response.setStatus(problem.getStatus());
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemResponses.RETRY_AFTER_SECONDS));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(body(problem, instance, response.getHeader(CorrelationId.HEADER)));
    }

    /** The JSON of a problem, in the members' usual order. */
    public static byte[] body(ProblemDetail problem, String instance, String correlationIdHeader) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null) {
            body.put("instance", instance);
        }
        CorrelationId.current().or(() -> Optional.ofNullable(correlationIdHeader))
                .ifPresent(id -> body.put("correlationId", id));
        return JsonInput.standalone().writeValueAsBytes(body);
    }
}
