package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.AccessRule;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call each endpoint of identity-service (docs/need-to-know.md): every endpoint against every
 * role, with real tokens of the demo clients. A new endpoint without a row here fails the build.
 */
class IdentityAuthorizationTest extends IdentityServiceTest {

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMINISTRATOR = EnumSet.of(Role.ADMINISTRATOR);
    private static final Set<Role> READERS = EnumSet.of(Role.ADMINISTRATOR, Role.OPERATOR);
    private static final Set<Role> ROLE_HISTORY = EnumSet.of(Role.ADMINISTRATOR, Role.OPERATOR, Role.PROSECUTOR);
    private static final String ORGANISATION = UUID.nameUUIDFromBytes("demo-org:police".getBytes()).toString();


    private static String fresh() {
        return "auth-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static final List<AccessRule> ENDPOINTS = List.of(
            new AccessRule("POST", "/api/identity/organisations", ADMINISTRATOR, () -> Map.of("name", fresh(),
                    "type", "shelter", "country", "RS", "servicesOffered", List.of("SAFE_ACCOMMODATION"))),
            new AccessRule("PUT", "/api/identity/organisations/{organisationId}/services-offered", ADMINISTRATOR,
                    () -> Map.of("servicesOffered", List.of("LEGAL_AID"))),
            new AccessRule("GET", "/api/identity/organisations", ALL, null),
            new AccessRule("GET", "/api/identity/organisations/{organisationId}", ALL, null),
            new AccessRule("POST", "/api/identity/users", ADMINISTRATOR, () -> Map.of("organisationId", ORGANISATION,
                    "username", fresh(), "displayName", "Officer", "roles", List.of("first-line"),
                    "password", "correct horse battery staple 42")),
            new AccessRule("POST", "/api/identity/users/{userId}/roles", ADMINISTRATOR, () -> Map.of("role", "monitor")),
            new AccessRule("DELETE", "/api/identity/users/{userId}/roles/{role}", ADMINISTRATOR, null),
            new AccessRule("POST", "/api/identity/users/{userId}/deactivation", ADMINISTRATOR,
                    () -> Map.of("reason", "left the service")),
            new AccessRule("GET", "/api/identity/users", READERS, null),
            new AccessRule("GET", "/api/identity/users/{userId}", READERS, null),
            new AccessRule("GET", "/api/identity/users/{userId}/roles", ROLE_HISTORY, null),
            new AccessRule("POST", "/api/identity/users/{userId}/unlocking", ADMINISTRATOR,
                    () -> Map.of("reason", "called the help desk")),
            new AccessRule("GET", "/api/identity/users/{userId}/history", ROLE_HISTORY, null),
            new AccessRule("POST", "/api/identity/clients", ADMINISTRATOR, () -> Map.of("organisationId", ORGANISATION,
                    "clientId", fresh(), "roles", List.of("first-line"))),
            new AccessRule("POST", "/api/identity/clients/{clientId}/roles", ADMINISTRATOR,
                    () -> Map.of("role", "monitor")),
            new AccessRule("DELETE", "/api/identity/clients/{clientId}/roles/{role}", ADMINISTRATOR, null),
            new AccessRule("POST", "/api/identity/clients/{clientId}/deactivation", ADMINISTRATOR,
                    () -> Map.of("reason", "system retired")),
            new AccessRule("GET", "/api/identity/clients", READERS, null),
            new AccessRule("GET", "/api/identity/clients/{clientId}", READERS, null),
            new AccessRule("GET", "/api/identity/clients/{clientId}/roles", ROLE_HISTORY, null),
            new AccessRule("POST", "/api/identity/clients/{clientId}/unlocking", ADMINISTRATOR,
                    () -> Map.of("reason", "new secret sent")),
            new AccessRule("GET", "/api/identity/clients/{clientId}/history", ROLE_HISTORY, null),
            new AccessRule("GET", "/api/identity/signing-keys", READERS, null),
            new AccessRule("POST", "/api/identity/signing-keys/rotation", ADMINISTRATOR, null),
            new AccessRule("POST", "/api/identity/signing-keys/{kid}/retirement", ADMINISTRATOR, null));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointOfTheServiceHasARow() {
        assertThat(AccessRule.keys(ENDPOINTS)).as("endpoints listed in this test (and in docs/need-to-know.md)").isEqualTo(AccessRule.served(mappings));
    }

    static Stream<Arguments> everyEndpointAndRole() {
        return ENDPOINTS.stream().flatMap(endpoint -> ALL.stream().map(role -> Arguments.of(endpoint, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointAndRole")
    void aRoleMayCallAnEndpointOnlyIfItsRowSaysSo(AccessRule endpoint, Role role) {
        Answer answer = call(as(role), endpoint);
        if (endpoint.allowed().contains(role)) {
            assertThat(answer.status()).as("%s may call %s", role, endpoint).isNotIn(401, 403);
        } else {
            assertThat(answer.status()).as("%s may not call %s", role, endpoint).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    static Stream<AccessRule> endpoints() {
        return ENDPOINTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noEndpointAnswersWithoutAToken(AccessRule endpoint) {
        Answer answer = call(anonymous, endpoint);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    /** Ids that exist nowhere: an allowed role gets past authorization and is told there is no such record. */
    private Answer call(ApiClient client, AccessRule endpoint) {
        String path = endpoint.path()
                .replace("{organisationId}", UUID.randomUUID().toString())
                .replace("{userId}", UUID.randomUUID().toString())
                .replace("{clientId}", fresh())
                .replace("{role}", "monitor")
                .replace("{kid}", UUID.randomUUID().toString());
        return switch (endpoint.method()) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, endpoint.body() == null ? Map.of() : endpoint.body().get());
            default -> client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .method(endpoint.method(), endpoint.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(toJson(endpoint.body().get()))), Map.of());
        };
    }

    private static String toJson(Object body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }
}
