package org.nrmplatform.shared.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks an endpoint's {@code @PreAuthorize} as soon as the endpoint is known, before its path, parameters and body
 * are bound and validated: a caller whose role may not call it gets 403 whatever it sent, and learns nothing of
 * the endpoint's rules from a 400 or 422. Method security still checks the same annotation when the method runs;
 * who may call an endpoint stays stated once, on the endpoint.
 */
final class RolesBeforeBinding implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

    RolesBeforeBinding(ApplicationContext context) {
        DefaultMethodSecurityExpressionHandler expressions = new DefaultMethodSecurityExpressionHandler();
        expressions.setApplicationContext(context);
        preAuthorize.setExpressionHandler(expressions);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod endpoint) {
            // no arguments yet: the platform's role rules name roles only, never an argument
            AuthorizationResult result = preAuthorize.authorize(SecurityContextHolder.getContext()::getAuthentication,
                    new SimpleMethodInvocation(endpoint.getBean(), endpoint.getMethod()));
            if (result != null && !result.isGranted()) {
                throw new AuthorizationDeniedException("Access Denied", result);
            }
        }
        return true;
    }
}
