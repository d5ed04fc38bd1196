package org.nrmplatform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A body's Content-Type names one type: a range such as {@code *}{@code /*} or {@code application/*} says
 * nothing of how to read it. Endpoints that declare what they consume refuse it already; this refuses it
 * for the others (an optional body), where Spring would otherwise fail reading the header (a 500).
 */
class ConcreteContentType implements HandlerInterceptor {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException {
        String header = request.getContentType();
        if (header == null || !WITH_BODY.contains(request.getMethod())) {
            return true;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException unparseable) {
            return true; // Spring refuses it with a 415 of its own
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON),
                    HttpMethod.valueOf(request.getMethod()));
        }
        return true;
    }
}
