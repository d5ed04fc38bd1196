package org.nrmplatform.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The store-unreachable 503 for failures outside the controllers, which {@link ProblemResponses} never sees:
 * the authorization server's endpoints and the security filters read the store too (clients, keys), and would
 * otherwise end in the servlet container's 500.
 */
class StoreOutage extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);

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
            response.resetBuffer();
            // the request context is gone out here; the correlation id filter (outside this one) set the header
            ProblemWriter.write(response, ProblemResponses.storeUnavailableProblem(), request.getRequestURI());
        }
    }
}
