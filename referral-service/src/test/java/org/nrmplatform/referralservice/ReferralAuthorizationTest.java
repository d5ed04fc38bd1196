package org.nrmplatform.referralservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Who may call each endpoint of referral-service (docs/need-to-know.md), every endpoint against every role.
 * A new endpoint without a row here fails the build. Which referrals a permitted role then finds is in
 * {@link ReferralApiTest}.
 */
class ReferralAuthorizationTest extends ApiTest {

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> REFERRERS = EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER);
    private static final Set<Role> PROVIDERS = EnumSet.of(Role.SERVICE_PROVIDER);
    private static final Set<Role> ADMINISTRATOR = EnumSet.of(Role.ADMINISTRATOR);
    /** Those who coordinate the NRM and oversee its providers. */
    private static final Set<Role> COORDINATORS = EnumSet.of(Role.ADMINISTRATOR, Role.MONITOR);
    /** Those who owe tasks and record them done: every role that works a case. */
    private static final Set<Role> WORKERS = EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER,
            Role.IDENTIFICATION_AUTHORITY, Role.SERVICE_PROVIDER);


    static final List<AccessRule> ENDPOINTS = List.of(
            new AccessRule("POST", "/api/referrals", REFERRERS, () -> referral(UUID.randomUUID(), SHELTER,
                    "SAFE_ACCOMMODATION", Instant.now().plus(1, ChronoUnit.DAYS))),
            new AccessRule("POST", "/api/referrals/{referralId}/acceptance", PROVIDERS, Map::of),
            new AccessRule("POST", "/api/referrals/{referralId}/decline", PROVIDERS,
                    () -> Map.of("reason", "NO_CAPACITY")),
            new AccessRule("POST", "/api/referrals/{referralId}/withdrawal", REFERRERS,
                    () -> Map.of("reason", "No longer needed")),
            new AccessRule("POST", "/api/referrals/{referralId}/assistance-steps", PROVIDERS,
                    () -> Map.of("serviceType", "SAFE_ACCOMMODATION", "deliveredAt", Instant.now().toString(),
                            "deliveredBy", "Night team", "outcome", "Admitted")),
            new AccessRule("POST", "/api/referrals/{referralId}/completion", PROVIDERS, Map::of),
            new AccessRule("GET", "/api/referrals", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER,
                    Role.SERVICE_PROVIDER), null),
            new AccessRule("GET", "/api/referrals/overdue", REFERRERS, null),
            new AccessRule("GET", "/api/referrals/{referralId}", EnumSet.of(Role.FIRST_LINE, Role.CASE_MANAGER,
                    Role.SERVICE_PROVIDER), null),
            new AccessRule("POST", "/api/tasks", REFERRERS, () -> Map.of("caseId", UUID.randomUUID().toString(),
                    "owedByOrganisationId", CLINIC, "description", "Medical check-up",
                    "dueAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())),
            new AccessRule("POST", "/api/tasks/{taskId}/completion", WORKERS, () -> Map.of("reason", "Done")),
            new AccessRule("POST", "/api/tasks/{taskId}/cancellation", REFERRERS,
                    () -> Map.of("reason", "No longer needed")),
            new AccessRule("GET", "/api/tasks", WORKERS, null),
            new AccessRule("GET", "/api/tasks/colleagues", REFERRERS, null),
            new AccessRule("GET", "/api/tasks/{taskId}", WORKERS, null),
            new AccessRule("GET", "/api/providers", ALL, null),
            new AccessRule("GET", "/api/providers/standards", ALL, null),
            new AccessRule("POST", "/api/providers/{organisationId}/services", ADMINISTRATOR, () -> Map.of(
                    "serviceType", "SAFE_ACCOMMODATION", "region", "Vojvodina", "places", 12, "staff", 7)),
            new AccessRule("POST", "/api/providers/{organisationId}/licences", ADMINISTRATOR, () -> Map.of(
                    "kind", "LICENCE", "reference", "SOC-1", "issuedBy", "Ministry", "expiresOn", "2030-01-31")),
            new AccessRule("POST", "/api/providers/{organisationId}/funding", ADMINISTRATOR, () -> Map.of(
                    "amount", "100", "currency", "EUR", "periodFrom", "2026-01-01", "periodTo", "2026-12-31",
                    "funder", "Ministry")),
            new AccessRule("POST", "/api/providers/{organisationId}/monitoring-visits", EnumSet.of(Role.MONITOR),
                    () -> Map.of("visitedOn", "2026-11-02", "findings",
                            List.of(Map.of("item", "SAFE_PREMISES", "rating", "MET")))),
            new AccessRule("POST", "/api/providers/{organisationId}/corrective-actions", EnumSet.of(Role.MONITOR),
                    () -> Map.of("visitId", UUID.randomUUID().toString(), "item", "SAFE_PREMISES",
                            "description", "Fit a lock", "dueOn", "2030-01-31")),
            new AccessRule("POST", "/api/providers/{organisationId}/corrective-actions/{actionId}/completion",
                    EnumSet.of(Role.MONITOR, Role.SERVICE_PROVIDER), () -> Map.of("note", "Lock fitted")),
            new AccessRule("GET", "/api/providers/{organisationId}/standing",
                    EnumSet.of(Role.ADMINISTRATOR, Role.MONITOR, Role.SERVICE_PROVIDER), null),
            new AccessRule("GET", "/api/providers/licences/expiring", COORDINATORS, null),
            new AccessRule("GET", "/api/providers/resource-report", COORDINATORS, null),
            new AccessRule("GET", "/api/transnational-referrals/keys", ALL, null),
            new AccessRule("POST", "/api/transnational-referrals", REFERRERS, () -> Map.of(
                    "caseId", UUID.randomUUID().toString(), "toInstallationId", "AL-NRM",
                    "serviceType", "SAFE_ACCOMMODATION", "urgency", "URGENT",
                    "respondBy", Instant.now().plus(1, ChronoUnit.DAYS).toString())),
            new AccessRule("POST", "/api/transnational-referrals/packets", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("packetId", UUID.randomUUID().toString())),
            new AccessRule("POST", "/api/transnational-referrals/{transnationalReferralId}/acceptance",
                    EnumSet.of(Role.CASE_MANAGER), Map::of),
            new AccessRule("POST", "/api/transnational-referrals/{transnationalReferralId}/decline", EnumSet.of(Role.CASE_MANAGER),
                    () -> Map.of("reason", "NO_CAPACITY")),
            new AccessRule("GET", "/api/transnational-referrals/{transnationalReferralId}", REFERRERS, null),
            new AccessRule("GET", "/api/transnational-referrals/{transnationalReferralId}/packets", REFERRERS, null));

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
        Answer answer = call(as(role, SOCIAL_WELFARE), endpoint);
        if (endpoint.allowed().contains(role)) {
            assertThat(answer.status()).as("%s may call %s", role, endpoint).isNotIn(401, 403, 500);
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
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static Answer call(ApiClient client, AccessRule endpoint) {
        String path = endpoint.path().replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
        return endpoint.method().equals("GET") ? client.get(path) : client.post(path, endpoint.body().get());
    }
}
