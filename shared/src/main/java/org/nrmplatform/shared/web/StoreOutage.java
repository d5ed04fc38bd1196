package org.nrmplatform.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store-unreachable 503 for failures outside the controllers, which {@link ProblemResponses} never sees:
 * the authorization server's endpoints and the security filters read the store too (clients, keys), and would
 * otherwise end in the servlet container's 500.
 */
class StoreOutage extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!ProblemResponses.storeUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Store unreachable handling {}: {}", request.getRequestURI(), e.toString());
            ProblemDetail problem = ProblemResponses.storeUnavailableProblem();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", problem.getType().toString());
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("detail", problem.getDetail());
            body.put("instance", request.getRequestURI());
            // the request context is gone out here; the correlation id filter (outside this one) set the header
            String correlationId = response.getHeader(CorrelationId.HEADER);
            if (correlationId != null) {
                body.put("correlationId", correlationId);
            }
            response.resetBuffer();
            response.setStatus(problem.getStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemResponses.RETRY_AFTER_SECONDS));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(JSON.writeValueAsBytes(body));
        }
    }
}
