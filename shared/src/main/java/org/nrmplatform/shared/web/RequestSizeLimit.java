package org.nrmplatform.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses declared bodies over the limit before reading them. The gateway limits streamed bodies too;
 * this guards a service called directly.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

    private final DataSize limit;

    public RequestSizeLimit(DataSize limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit.toBytes()) {
            ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                    "The request body exceeds the limit of " + limit.toKilobytes() + " KB"), request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
