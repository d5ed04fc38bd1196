package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrmplatform.identityservice.IdentityApiTest.DEMO_SHELTER;
import static org.nrmplatform.identityservice.IdentityApiTest.DEMO_SOCIAL_WELFARE;
import static org.nrmplatform.identityservice.IdentityApiTest.organisation;
import static org.nrmplatform.identityservice.IdentityApiTest.user;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;

/** Every kind of bad input and every refusal is a 4xx problem that names what was wrong. */
class IdentityApiRefusalTest extends IdentityServiceTest {

    @Test
    void malformedJsonIsA400Problem() {
        Answer answer = as(Role.ADMINISTRATOR).post("/api/identity/users", "{\"username\": ");
        assertProblem(answer, 400);
    }

    @Test
    void missingFieldsAreNamed() {
        Answer answer = as(Role.ADMINISTRATOR).post("/api/identity/users", Map.of());
        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("organisationId", "username", "displayName", "roles", "password");
        Answer client = as(Role.ADMINISTRATOR).post("/api/identity/clients", Map.of("clientId", "x"));
        assertProblem(client, 400);
        assertThat(fields(client)).contains("organisationId", "clientId", "roles");
        Answer organisation = as(Role.ADMINISTRATOR).post("/api/identity/organisations", Map.of("type", "police"));
        assertThat(fields(organisation)).contains("name", "country");
    }

    @Test
    void anUnknownOrganisationIs422OnOrganisationId() {
        String unknown = UUID.randomUUID().toString();
        Answer userAnswer = as(Role.ADMINISTRATOR).post("/api/identity/users",
                user(null, unknown, "nobody." + unknown.substring(0, 6), List.of("first-line")));
        assertProblem(userAnswer, 422);
        assertThat(fields(userAnswer)).containsExactly("organisationId");
        Answer clientAnswer = as(Role.ADMINISTRATOR).post("/api/identity/clients", Map.of("organisationId", unknown,
                "clientId", "nobody-" + unknown.substring(0, 6), "roles", List.of("monitor")));
        assertProblem(clientAnswer, 422);
        assertThat(fields(clientAnswer)).containsExactly("organisationId");
    }

    @Test
    void theNameOfAFailedCreationIsFreeAgain() {
        String username = "retry." + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(as(Role.ADMINISTRATOR).post("/api/identity/users",
                user(null, UUID.randomUUID().toString(), username, List.of("first-line"))), 422);
        assertThat(as(Role.ADMINISTRATOR).post("/api/identity/users",
                user(null, DEMO_SOCIAL_WELFARE, username, List.of("first-line"))).status()).isEqualTo(201);
    }

    @Test
    void anUnknownRoleCodeIs422OnRoles() {
        Answer answer = as(Role.ADMINISTRATOR).post("/api/identity/users", user(null, DEMO_SOCIAL_WELFARE,
                "roles." + UUID.randomUUID().toString().substring(0, 6), List.of("case-manager", "superuser")));
        assertProblem(answer, 422);
        assertThat(fields(answer)).containsExactly("roles");
        assertThat(answer.body().get("detail").asString()).contains("superuser");
    }

    @ParameterizedTest
    @CsvSource({"short-Pa55!", "password1234", "my-weak.one-xyz-password"})
    void aWeakPasswordIs422OnPassword(String password) {
        Map<String, Object> body = user(null, DEMO_SOCIAL_WELFARE, "weak.one", List.of("first-line"));
        body.put("password", password);
        Answer answer = as(Role.ADMINISTRATOR).post("/api/identity/users", body);
        assertProblem(answer, 422);
        assertThat(fields(answer)).containsExactly("password");
    }

    @Test
    void aDuplicateUsernameOrClientIdIs409() {
        String username = "dup." + UUID.randomUUID().toString().substring(0, 8);
        ApiClient admin = as(Role.ADMINISTRATOR);
        assertThat(admin.post("/api/identity/users", user(null, DEMO_SOCIAL_WELFARE, username, List.of("monitor")))
                .status()).isEqualTo(201);
        Answer duplicate = admin.post("/api/identity/users", user(null, DEMO_SHELTER, username, List.of("monitor")));
        assertProblem(duplicate, 409);
        assertThat(duplicate.body().get("detail").asString()).contains(username);

        assertProblem(admin.post("/api/identity/clients", Map.of("organisationId", DEMO_SHELTER,
                "clientId", "demo-service-provider", "roles", List.of("service-provider"))), 409);
        assertProblem(admin.post("/api/identity/clients", Map.of("organisationId", DEMO_SHELTER,
                "clientId", "nrm-cli", "roles", List.of("service-provider"))), 409);
    }

    /** Four eyes are two people's: the approver role is a person's, never an API client's. */
    @Test
    void anApiClientIsNeverGivenTheApproverRole() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        Answer registered = admin.post("/api/identity/clients", Map.of("organisationId", DEMO_SOCIAL_WELFARE,
                "clientId", "approving-system-" + UUID.randomUUID().toString().substring(0, 8),
                "roles", List.of("case-manager", "approver")));
        assertProblem(registered, 422);
        assertThat(fields(registered)).containsExactly("roles");
        assertThat(registered.body().get("detail").asString()).contains("people only");
        Answer granted = admin.post("/api/identity/clients/demo-case-manager/roles", Map.of("role", "approver"));
        assertProblem(granted, 422);
        assertThat(fields(granted)).containsExactly("role");
        assertThat(admin.post("/api/identity/users", user(null, DEMO_SOCIAL_WELFARE,
                "approver." + UUID.randomUUID().toString().substring(0, 8), List.of("case-manager", "approver")))
                .status()).as("a person may hold it").isEqualTo(201);
    }

    @Test
    void concurrentCreationsOfOneUsernameCreateOneAccount() throws Exception {
        String username = "race." + UUID.randomUUID().toString().substring(0, 8);
        ApiClient admin = as(Role.ADMINISTRATOR);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                attempts.add(() -> admin.post("/api/identity/users",
                        user(null, DEMO_SOCIAL_WELFARE, username, List.of("first-line"))).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @CsvSource({"ministry, RS, SAFE_ACCOMMODATION, type", "police, YU, SAFE_ACCOMMODATION, country",
            "shelter, RS, SPA_DAYS, servicesOffered"})
    void anOrganisationOutsideTheCodeListsIs422(String type, String country, String service, String field) {
        Answer answer = as(Role.ADMINISTRATOR).post("/api/identity/organisations",
                organisation(null, "Bad organisation", type, country, List.of(service)));
        assertProblem(answer, 422);
        assertThat(fields(answer)).containsExactly(field);
    }

    @Test
    void changingServicesToUnknownOnesOrWithoutAListIsRefused() {
        Answer unknown = put("/api/identity/organisations/" + DEMO_SHELTER + "/services-offered",
                "{\"servicesOffered\":[\"SPA_DAYS\"]}");
        assertProblem(unknown, 422);
        assertThat(fields(unknown)).containsExactly("servicesOffered");
        Answer missing = put("/api/identity/organisations/" + DEMO_SHELTER + "/services-offered", "{}");
        assertProblem(missing, 400);
        assertThat(fields(missing)).containsExactly("servicesOffered");
        assertProblem(put("/api/identity/organisations/" + UUID.randomUUID() + "/services-offered",
                "{\"servicesOffered\":[]}"), 404);
    }

    @Test
    void unknownClientsAreNotFound() {
        assertProblem(as(Role.OPERATOR).get("/api/identity/clients/no-such-client"), 404);
        assertProblem(as(Role.ADMINISTRATOR).post("/api/identity/clients/no-such-client/roles",
                Map.of("role", "monitor")), 404);
        assertProblem(as(Role.ADMINISTRATOR).send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/identity/clients/no-such-client/roles/monitor")).DELETE(), Map.of()), 404);
    }

    @Test
    void aPageOutsideItsBoundsIs400() {
        assertProblem(as(Role.MONITOR).get("/api/identity/organisations?size=0"), 400);
        assertProblem(as(Role.MONITOR).get("/api/identity/organisations?size=201"), 400);
        assertProblem(as(Role.MONITOR).get("/api/identity/organisations?page=-1"), 400);
        assertProblem(as(Role.MONITOR).get("/api/identity/organisations/not-a-uuid"), 400);
        assertProblem(as(Role.MONITOR).get("/api/identity/organisations/" + UUID.randomUUID()), 404);
    }

    @Test
    void callersWithoutATokenOrTheRoleAreRefused() {
        assertProblem(anonymous.get("/api/identity/organisations"), 401);
        assertProblem(anonymous.as("not-a-token").get("/api/identity/organisations"), 401);
        assertProblem(as(Role.CASE_MANAGER).post("/api/identity/organisations",
                organisation(null, "X", "police", "RS", List.of())), 403);
        assertProblem(as(Role.OPERATOR).post("/api/identity/users",
                user(null, DEMO_SHELTER, "not.allowed", List.of("monitor"))), 403);
        assertProblem(as(Role.MONITOR).get("/api/identity/users/" + UUID.randomUUID()), 403);
        assertProblem(as(Role.FIRST_LINE).get("/api/identity/users/" + UUID.randomUUID() + "/roles"), 403);
        assertProblem(as(Role.PROSECUTOR).post("/api/identity/signing-keys/rotation", Map.of()), 403);
    }

    @Test
    void roleChangesThatMakeNoSenseAreRefused() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String userId = admin.post("/api/identity/users", user(null, DEMO_SOCIAL_WELFARE,
                "roles." + UUID.randomUUID().toString().substring(0, 8), List.of("case-manager"))).body()
                .get("userId").asString();
        Answer unknownRole = admin.post("/api/identity/users/" + userId + "/roles", Map.of("role", "king"));
        assertProblem(unknownRole, 422);
        assertThat(fields(unknownRole)).containsExactly("role");
        assertProblem(admin.post("/api/identity/users/" + userId + "/roles", Map.of("role", "case-manager")), 409);
        assertProblem(admin.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/identity/users/" + userId
                + "/roles/prosecutor")).DELETE(), Map.of()), 409);
        assertProblem(admin.post("/api/identity/users/" + UUID.randomUUID() + "/roles", Map.of("role", "monitor")),
                404);
        assertProblem(admin.post("/api/identity/users/" + DEMO_SHELTER + "/roles", Map.of("role", "monitor")), 404);
        assertProblem(admin.post("/api/identity/users/not-a-uuid/roles", Map.of("role", "monitor")), 400);
        assertProblem(admin.post("/api/identity/clients/no-such-client/deactivation", Map.of()), 404);
    }

    @Test
    void rolesAtAnInstantOutsideTheAccountsLifeAreRefused() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String userId = admin.post("/api/identity/users", user(null, DEMO_SOCIAL_WELFARE,
                "history." + UUID.randomUUID().toString().substring(0, 8), List.of("case-manager"))).body()
                .get("userId").asString();
        Answer before = admin.get("/api/identity/users/" + userId + "/roles?at=2020-01-01T00:00:00Z");
        assertProblem(before, 422);
        assertThat(fields(before)).containsExactly("at");
        Answer future = admin.get("/api/identity/users/" + userId + "/roles?at=" + Instant.now().plusSeconds(3600));
        assertProblem(future, 422);
        assertThat(fields(future)).containsExactly("at");
        assertProblem(admin.get("/api/identity/users/" + userId + "/roles?at=yesterday"), 400);
        assertProblem(admin.get("/api/identity/users/" + UUID.randomUUID() + "/roles"), 404);
        assertProblem(admin.get("/api/identity/users/" + DEMO_SHELTER + "/roles"), 404);
        assertProblem(admin.get("/api/identity/clients/no-such-client/roles"), 404);
    }

    @Test
    void aCompromisedKeyThatStillSignsCannotBeRetiredBeforeARotation() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String signing = admin.get("/api/identity/signing-keys").body().valueStream()
                .filter(key -> key.get("signing").asBoolean()).findFirst().orElseThrow().get("kid").asString();
        assertProblem(admin.post("/api/identity/signing-keys/" + signing + "/retirement", Map.of()), 409);
        assertProblem(admin.post("/api/identity/signing-keys/no-such-kid/retirement", Map.of()), 422);
    }

    private Answer put(String path, String json) {
        return as(Role.ADMINISTRATOR).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)), Map.of());
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
    }

    private static List<String> fields(Answer answer) {
        return answer.body().get("errors").valueStream().map(error -> error.get("field").asString()).toList();
    }
}
