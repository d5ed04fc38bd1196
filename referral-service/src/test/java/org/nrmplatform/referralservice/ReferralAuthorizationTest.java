package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call each endpoint of referral-service (docs/need-to-know.md), every endpoint against every role.
 * A new endpoint without a row here fails the build. Which referrals a permitted role then finds is in
 * {@link ReferralApiTest}.
 */
class ReferralAuthorizationTest extends ApiTest {

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> REFERRERS = EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER);
    private static final Set<Role> PROVIDERS = EnumSet.of(Role.SERVICE_PROVIDER);

    /** One endpoint, the roles that may call it, and a well-formed body for it. */
    record Endpoint(String method, String path, Set<Role> allowed, Supplier<Object> body) {

        String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/referrals", REFERRERS, () -> referral(UUID.randomUUID(), SHELTER,
                    "SAFE_ACCOMMODATION", Instant.now().plus(1, ChronoUnit.DAYS))),
            new Endpoint("POST", "/api/referrals/{referralId}/acceptance", PROVIDERS, Map::of),
            new Endpoint("POST", "/api/referrals/{referralId}/decline", PROVIDERS,
                    () -> Map.of("reason", "NO_CAPACITY")),
            new Endpoint("POST", "/api/referrals/{referralId}/withdrawal", REFERRERS,
                    () -> Map.of("reason", "No longer needed")),
            new Endpoint("POST", "/api/referrals/{referralId}/assistance-steps", PROVIDERS,
                    () -> Map.of("serviceType", "SAFE_ACCOMMODATION", "deliveredAt", Instant.now().toString(),
                            "deliveredBy", "Night team", "outcome", "Admitted")),
            new Endpoint("POST", "/api/referrals/{referralId}/completion", PROVIDERS, Map::of),
            new Endpoint("GET", "/api/referrals", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER,
                    Role.SERVICE_PROVIDER), null),
            new Endpoint("GET", "/api/referrals/overdue", REFERRERS, null),
            new Endpoint("GET", "/api/referrals/{referralId}", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER,
                    Role.SERVICE_PROVIDER), null),
            new Endpoint("GET", "/api/providers", ALL, null),
            new Endpoint("GET", "/api/transnational-referrals/keys", ALL, null),
            new Endpoint("POST", "/api/transnational-referrals", REFERRERS, () -> Map.of(
                    "caseId", UUID.randomUUID().toString(), "toInstallationId", "AL-NRM",
                    "serviceType", "SAFE_ACCOMMODATION", "urgency", "URGENT",
                    "respondBy", Instant.now().plus(1, ChronoUnit.DAYS).toString())),
            new Endpoint("POST", "/api/transnational-referrals/packets", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("packetId", UUID.randomUUID().toString())),
            new Endpoint("POST", "/api/transnational-referrals/{transnationalReferralId}/acceptance",
                    EnumSet.of(Role.CASE_MANAGER), Map::of),
            new Endpoint("POST", "/api/transnational-referrals/{transnationalReferralId}/decline", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("reason", "NO_CAPACITY")),
            new Endpoint("GET", "/api/transnational-referrals/{transnationalReferralId}", REFERRERS, null),
            new Endpoint("GET", "/api/transnational-referrals/{transnationalReferralId}/packets", REFERRERS, null));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointOfTheServiceHasARow() {
        Set<String> served = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream().flatMap(pattern ->
                        info.getMethodsCondition().getMethods().stream().map(method -> method + " " + pattern)))
                .filter(endpoint -> endpoint.contains(" /api/"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = ENDPOINTS.stream().map(Endpoint::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).as("endpoints listed in this test (and in docs/need-to-know.md)").isEqualTo(served);
    }

    static Stream<Arguments> everyEndpointAndRole() {
        return ENDPOINTS.stream().flatMap(endpoint -> ALL.stream().map(role -> Arguments.of(endpoint, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointAndRole")
    void aRoleMayCallAnEndpointOnlyIfItsRowSaysSo(Endpoint endpoint, Role role) {
        Answer answer = call(as(role, SOCIAL_WELFARE), endpoint);
        if (endpoint.allowed().contains(role)) {
            assertThat(answer.status()).as("%s may call %s", role, endpoint).isNotIn(401, 403, 500);
        } else {
            assertThat(answer.status()).as("%s may not call %s", role, endpoint).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noEndpointAnswersWithoutAToken(Endpoint endpoint) {
        Answer answer = call(anonymous, endpoint);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static Answer call(ApiClient client, Endpoint endpoint) {
        String path = endpoint.path().replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
        return endpoint.method().equals("GET") ? client.get(path) : client.post(path, endpoint.body().get());
    }
}
