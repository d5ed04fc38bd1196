package org.nrmplatform.shared.testing;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.nrmplatform.contracts.identity.Role;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One row of a service's authorization table (docs/need-to-know.md): an endpoint, the roles that may
 * call it, and a well-formed body for it, so that a refused role is refused for its role and not for its
 * request.
 */
public record AccessRule(String method, String path, Set<Role> allowed, Supplier<Object> body) {

    public String key() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return key();
    }

    /** The API endpoints a service actually serves, as "METHOD /path" keys, to compare with its table. */
    public static Set<String> served(RequestMappingHandlerMapping mappings) {
        return mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream().flatMap(pattern ->
                        info.getMethodsCondition().getMethods().stream().map(method -> method + " " + pattern)))
                .filter(endpoint -> endpoint.contains(" /api/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public static Set<String> keys(Iterable<AccessRule> rules) {
        Set<String> keys = new TreeSet<>();
        rules.forEach(rule -> keys.add(rule.key()));
        return keys;
    }
}
