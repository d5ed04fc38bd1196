package org.nrmplatform.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.nrmplatform.contracts.identity.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks every operation of a service's OpenAPI document over real HTTP, with a malformed body and path values
 * that name nothing: without a token every call must be a 401 (except to an endpoint open to anyone,
 * {@code permitAll}), and with the token of each role the endpoint's {@code @PreAuthorize} does not admit, a 403,
 * never a 400, 404, 415, 422 or 500 that would tell the caller something of the endpoint. Which roles an endpoint
 * admits is read from its own annotation, found the way the service finds the endpoint for a request.
 */
public final class EveryOperation {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final RequestMappingHandlerMapping endpoints;
    private final Function<Role, String> tokens;
    private final PreAuthorizeAuthorizationManager rules = new PreAuthorizeAuthorizationManager();
    private int operations;
    private int calls;

    /**
     * @param endpoints the service's {@code requestMappingHandlerMapping}
     * @param tokens    a valid token of each role
     */
    public EveryOperation(String baseUrl, RequestMappingHandlerMapping endpoints, Function<Role, String> tokens) {
        this.baseUrl = baseUrl;
        this.endpoints = endpoints;
        this.tokens = tokens;
    }

    /** What went wrong, one line per call answered otherwise than it should have been (empty: all well). */
    public List<String> callersWithoutTheRoleAreRefusedWhateverTheyHaveSent() throws Exception {
        JsonNode document = JSON.readTree(send("GET", "/v3/api-docs", null, null, null).body());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    walk(operation.getKey().toUpperCase(), path.getKey(), operation.getValue(), wrong);
                }
            }
        }
        System.out.printf("%d operations of %s walked with %d calls; %d answered wrongly%n", operations, baseUrl,
                calls, wrong.size());
        return wrong;
    }

    public int operations() {
        return operations;
    }

    private void walk(String method, String template, JsonNode operation, List<String> wrong) throws Exception {
        String path = concrete(template, operation);
        String contentType = null;
        String body = null;
        if (operation.has("requestBody")) {
            contentType = operation.get("requestBody").get("content").propertyNames().iterator().next();
            if (contentType.contains("*")) {
                contentType = "application/json";
            }
            body = contentType.contains("json") ? "{\"malformed\": [1, " : "\u0000 not what was asked for";
        }
        HandlerMethod endpoint = endpoint(method, path, contentType);
        String name = method + " " + template;
        if (endpoint == null) {
            wrong.add(name + ": no endpoint serves it");
            return;
        }
        operations++;
        if (!AnnotatedElementUtils.hasAnnotation(endpoint.getMethod(), PreAuthorize.class)
                && !AnnotatedElementUtils.hasAnnotation(endpoint.getBeanType(), PreAuthorize.class)) {
            wrong.add(name + ": states no @PreAuthorize");
        }
        // an endpoint open to anyone (permitAll: the person's feedback link, whose token is in the path) answers
        // without a token as it answers everyone; every other one refuses a call without a token
        AuthorizationResult anonymous = rules.authorize(() -> new AnonymousAuthenticationToken("walker", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")),
                new SimpleMethodInvocation(endpoint.getBean(), endpoint.getMethod()));
        if (anonymous == null || !anonymous.isGranted()) {
            expect(401, name, "no token", send(method, path, contentType, body, null), wrong);
        }
        for (Role role : Role.values()) {
            AuthorizationResult admitted = rules.authorize(
                    () -> new TestingAuthenticationToken("walker", null, role.authority()),
                    new SimpleMethodInvocation(endpoint.getBean(), endpoint.getMethod()));
            if (admitted != null && !admitted.isGranted()) {
                expect(403, name, role.code(), send(method, path, contentType, body, tokens.apply(role)), wrong);
            }
        }
    }

    private void expect(int status, String operation, String caller, HttpResponse<String> answer, List<String> wrong) {
        calls++;
        if (answer.statusCode() != status) {
            wrong.add("%s as %s: %d instead of %d: %s".formatted(operation, caller, answer.statusCode(), status,
                    answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body()));
        }
    }

    /** Path values that name nothing: a random UUID where one is expected, else a word. */
    private static String concrete(String template, JsonNode operation) {
        String path = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if ("path".equals(parameter.path("in").asString())) {
                JsonNode schema = parameter.path("schema");
                String value = "uuid".equals(schema.path("format").asString()) ? UUID.randomUUID().toString()
                        : schema.has("enum") ? schema.get("enum").get(0).asString()
                        : "integer".equals(schema.path("type").asString()) ? "1" : "nothing-" + UUID.randomUUID();
                path = path.replace("{" + parameter.get("name").asString() + "}", value);
            }
        }
        return path;
    }

    private HandlerMethod endpoint(String method, String path, String contentType) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = endpoints.getHandler(request);
        return chain != null && chain.getHandler() instanceof HandlerMethod endpoint ? endpoint : null;
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
