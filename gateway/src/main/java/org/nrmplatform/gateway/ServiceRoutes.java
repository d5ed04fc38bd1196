package org.nrmplatform.gateway;

import java.net.URI;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Public API paths and the backend service answering each of them. Route ids are the service names, which
 * error responses use to say which service failed. Backend actuator endpoints are deliberately not routed.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

    static final String CASE_SERVICE = "case-service";
    static final String REFERRAL_SERVICE = "referral-service";
    static final String IDENTITY_SERVICE = "identity-service";
    static final String WEB = "web";

    /** The web application's pages, its sign-in callback and its static files (module web, its context path). */
    static final String[] WEB_PATHS = {"/web", "/web/**"};

    /** Where the gateway serves a service's OpenAPI document; listed in the Swagger UI configuration. */
    static final String OPENAPI_PATH = "/openapi/";

    private static Buildable<Route> openApi(PredicateSpec route, String service, URI uri) {
        return route.path(OPENAPI_PATH + service).filters(filter -> filter.setPath("/v3/api-docs")).uri(uri);
    }

    @Bean
    RouteLocator serviceRouteLocator(RouteLocatorBuilder routes, GatewayProperties properties) {
        GatewayProperties.Services services = properties.services();
        return routes.routes()
                .route(CASE_SERVICE, route -> route
                        .path("/api/cases", "/api/cases/**",
                                "/api/indicator-sets", "/api/indicator-sets/**",
                                "/api/code-lists", "/api/code-lists/**",
                                "/api/statistics", "/api/statistics/**",
                                "/api/audit/**",
                                "/api/action-plans", "/api/action-plans/**",
                                "/api/approvals", "/api/approvals/**",
                                "/api/retention", "/api/retention/**",
                                "/api/emergency-situations", "/api/emergency-situations/**",
                                // the person's feedback link (decision 45), open without a token
                                "/api/feedback/*",
                                // case-service's projections; other services' come under their own prefixes
                                "/api/admin/projections", "/api/admin/projections/**")
                        .uri(services.caseService()))
                .route(REFERRAL_SERVICE, route -> route
                        .path("/api/referrals", "/api/referrals/**",
                                "/api/transnational-referrals", "/api/transnational-referrals/**",
                                "/api/providers", "/api/providers/**",
                                "/api/tasks", "/api/tasks/**")
                        .uri(services.referralService()))
                .route(IDENTITY_SERVICE, route -> route
                        .path("/api/identity/**", "/oauth2/**", "/.well-known/**", "/login", "/logout",
                                "/default-ui.css")
                        .uri(services.identityService()))
                .route(WEB, route -> route.path(WEB_PATHS).uri(services.web()))
                // people who open the platform's address land on the web application
                .route(WEB + "-entry", route -> route.path("/").filters(filter -> filter.redirect(302, "/web/"))
                        .uri("no://op"))
                // each service's OpenAPI document, gathered in the gateway's Swagger UI
                .route(CASE_SERVICE + "-openapi", route -> openApi(route, CASE_SERVICE, services.caseService()))
                .route(REFERRAL_SERVICE + "-openapi",
                        route -> openApi(route, REFERRAL_SERVICE, services.referralService()))
                .route(IDENTITY_SERVICE + "-openapi",
                        route -> openApi(route, IDENTITY_SERVICE, services.identityService()))
                .build();
    }
}
