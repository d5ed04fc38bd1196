package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import tools.jackson.databind.JsonNode;

/** The identity API end to end, as the demo administrator and other demo roles, with real tokens. */
class IdentityApiTest extends IdentityServiceTest {

    static final String DEMO_SHELTER = UUID.nameUUIDFromBytes("demo-org:shelter".getBytes()).toString();
    static final String DEMO_SOCIAL_WELFARE = UUID.nameUUIDFromBytes("demo-org:social-welfare".getBytes()).toString();

    @Test
    void anOrganisationIsRegisteredListedByTypeCountryAndServiceAndChangesItsServices() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        UUID id = UUID.randomUUID();
        Map<String, Object> body = organisation(id, "Shelter Tirana", "shelter", "AL", List.of("SAFE_ACCOMMODATION"));
        Answer registered = admin.post("/api/identity/organisations", body);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/api/identity/organisations/" + id);
        assertThat(registered.body().get("organisationId").asString()).isEqualTo(id.toString());
        assertThat(registered.body().get("version").asLong()).isZero();

        Answer repeated = admin.post("/api/identity/organisations", body);
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.body()).isEqualTo(registered.body());
        body.put("name", "Another name");
        assertThat(admin.post("/api/identity/organisations", body).status()).isEqualTo(409);

        awaitProcessing().until(() ->
                admin.get("/api/identity/organisations/" + id).status() == 200);
        Answer directory = as(Role.MONITOR).get("/api/identity/organisations?type=shelter&country=AL"
                + "&service=SAFE_ACCOMMODATION");
        assertThat(directory.status()).isEqualTo(200);
        assertThat(ids(directory)).contains(id.toString()).doesNotContain(DEMO_SHELTER);
        assertThat(ids(as(Role.FIRST_LINE).get("/api/identity/organisations?country=RS&service=SAFE_ACCOMMODATION")))
                .contains(DEMO_SHELTER).doesNotContain(id.toString());
        assertThat(as(Role.FIRST_LINE).get("/api/identity/organisations?type=shelter&page=0&size=1").body()
                .get("items").size()).isEqualTo(1);

        Answer changed = admin.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/identity/organisations/" + id
                        + "/services-offered")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"servicesOffered\":[\"LEGAL_AID\",\"SAFE_ACCOMMODATION\"]}")),
                Map.of());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("version").asLong()).isEqualTo(1);
        awaitProcessing().untilAsserted(() -> assertThat(
                ids(admin.get("/api/identity/organisations?service=LEGAL_AID&country=AL"))).contains(id.toString()));
    }

    @Test
    void aUserIsCreatedGrantedRevokedAndDeactivatedAndTheRolesAtEachInstantCanBeAsked() throws Exception {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String username = "ana." + UUID.randomUUID().toString().substring(0, 8);
        Answer created = admin.post("/api/identity/users", user(null, DEMO_SOCIAL_WELFARE, username,
                List.of("case-manager")));
        assertThat(created.status()).isEqualTo(201);
        String userId = created.body().get("userId").asString();
        assertThat(created.header("Location")).isEqualTo("/api/identity/users/" + userId);
        assertThat(created.body().get("roles").valueStream().map(JsonNode::asString)).containsExactly("case-manager");
        assertThat(created.raw().body()).doesNotContain("Pa55");
        Instant afterCreation = Instant.now();

        Thread.sleep(20);
        Answer granted = admin.post("/api/identity/users/" + userId + "/roles", Map.of("role", "monitor"));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body().get("roles").valueStream().map(JsonNode::asString))
                .containsExactly("case-manager", "monitor");
        Thread.sleep(20);
        Instant whileGranted = Instant.now();
        Thread.sleep(20);
        Answer revoked = admin.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/identity/users/" + userId
                + "/roles/monitor")).DELETE(), Map.of());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("version").asLong()).isEqualTo(2);
        Thread.sleep(20);
        Instant afterRevocation = Instant.now();

        ApiClient prosecutor = as(Role.PROSECUTOR);
        Answer during = prosecutor.get("/api/identity/users/" + userId + "/roles?at=" + whileGranted);
        assertThat(during.status()).isEqualTo(200);
        assertThat(codes(during.body().get("roles"))).containsExactlyInAnyOrder("case-manager", "monitor");
        JsonNode monitorGrant = during.body().get("held").valueStream()
                .filter(held -> held.get("role").asString().equals("monitor")).findFirst().orElseThrow();
        assertThat(monitorGrant.at("/grantedBy/clientId").asString()).isEqualTo("demo-administrator");
        assertThat(monitorGrant.at("/grantedBy/organisationId").asString())
                .isEqualTo(UUID.nameUUIDFromBytes("demo-org:coordinator".getBytes()).toString());
        assertThat(codes(prosecutor.get("/api/identity/users/" + userId + "/roles?at=" + afterCreation).body()
                .get("roles"))).containsExactly("case-manager");
        assertThat(codes(prosecutor.get("/api/identity/users/" + userId + "/roles?at=" + afterRevocation).body()
                .get("roles"))).containsExactly("case-manager");

        awaitProcessing().untilAsserted(() -> {
            Answer view = as(Role.OPERATOR).get("/api/identity/users/" + userId);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.body().get("version").asLong()).isEqualTo(2);
        });
        Answer view = as(Role.OPERATOR).get("/api/identity/users/" + userId);
        assertThat(view.body().get("username").asString()).isEqualTo(username);
        assertThat(codes(view.body().get("roles"))).containsExactly("case-manager");
        assertThat(view.raw().body()).doesNotContainIgnoringCase("password").doesNotContain("argon");

        Answer deactivated = admin.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/identity/users/" + userId
                + "/deactivation")).POST(HttpRequest.BodyPublishers.noBody()), Map.of());
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().get("active").asBoolean()).isFalse();
        Answer now = as(Role.OPERATOR).get("/api/identity/users/" + userId + "/roles");
        assertThat(now.body().get("active").asBoolean()).isFalse();
        assertThat(now.body().get("roles").size()).isZero();
        assertThat(now.body().get("deactivatedAt").asString()).isNotBlank();
    }

    @Test
    void repeatingAUserCreationWithTheSameIdAndBodyIsAnsweredAsTheFirst() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        UUID userId = UUID.randomUUID();
        String username = "repeat." + userId.toString().substring(0, 8);
        Map<String, Object> body = user(userId, DEMO_SOCIAL_WELFARE, username, List.of("first-line"));
        Answer first = admin.post("/api/identity/users", body);
        Answer again = admin.post("/api/identity/users", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        body.put("displayName", "Someone else");
        assertThat(admin.post("/api/identity/users", body).status()).isEqualTo(409);
    }

    @Test
    void aClientIsRegisteredWithASecretShownOnceAndItsRolesChangeWithHistory() throws Exception {
        ApiClient admin = as(Role.ADMINISTRATOR);
        String clientId = "shelter-system-" + UUID.randomUUID().toString().substring(0, 8);
        Answer registered = admin.post("/api/identity/clients", Map.of("organisationId", DEMO_SHELTER,
                "clientId", clientId, "roles", List.of("service-provider")));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/api/identity/clients/" + clientId);
        assertThat(registered.header("Cache-Control")).contains("no-store");
        String secret = registered.body().get("clientSecret").asString();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes, base64url
        Instant afterRegistration = Instant.now();

        Thread.sleep(20);
        assertThat(admin.post("/api/identity/clients/" + clientId + "/roles", Map.of("role", "case-manager")).body()
                .get("roles").size()).isEqualTo(2);
        assertThat(admin.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/identity/clients/" + clientId
                + "/roles/case-manager")).DELETE(), Map.of()).status()).isEqualTo(200);
        assertThat(codes(as(Role.PROSECUTOR).get("/api/identity/clients/" + clientId + "/roles?at="
                + afterRegistration).body().get("roles"))).containsExactly("service-provider");

        awaitProcessing().until(() ->
                as(Role.OPERATOR).get("/api/identity/clients/" + clientId).status() == 200);
        Answer view = as(Role.OPERATOR).get("/api/identity/clients/" + clientId);
        assertThat(view.body().get("organisationId").asString()).isEqualTo(DEMO_SHELTER);
        assertThat(view.raw().body()).doesNotContain(secret).doesNotContainIgnoringCase("secret");

        Answer deactivated = admin.post("/api/identity/clients/" + clientId + "/deactivation",
                Map.of("reason", "system decommissioned"));
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().get("active").asBoolean()).isFalse();
    }

    /** The administrator's lists: an organisation's accounts and clients, by name, with neither password nor secret. */
    @Test
    void accountsAndClientsAreListedByOrganisationWithoutCredentials() {
        ApiClient admin = as(Role.ADMINISTRATOR);
        UUID organisation = UUID.randomUUID();
        assertThat(admin.post("/api/identity/organisations", organisation(organisation, "Listed shelter "
                + organisation.toString().substring(0, 8), "shelter", "RS", List.of("SAFE_ACCOMMODATION"))).status())
                .isEqualTo(201);
        awaitProcessing().until(() -> admin.get("/api/identity/organisations/" + organisation).status() == 200);
        String suffix = organisation.toString().substring(0, 8);
        for (String name : List.of("zora." + suffix, "ana." + suffix)) {
            assertThat(admin.post("/api/identity/users", user(null, organisation.toString(), name,
                    List.of("service-provider"))).status()).isEqualTo(201);
        }
        String secret = admin.post("/api/identity/clients", Map.of("organisationId", organisation.toString(),
                "clientId", "listed-" + suffix, "roles", List.of("service-provider"))).body().get("clientSecret")
                .asString();

        awaitProcessing().untilAsserted(() -> assertThat(admin.get("/api/identity/users?organisationId="
                + organisation).body().get("total").asLong()).isEqualTo(2));
        Answer accounts = as(Role.OPERATOR).get("/api/identity/users?organisationId=" + organisation);
        assertThat(accounts.body().get("items").valueStream().map(account -> account.get("username").asString()))
                .containsExactly("ana." + suffix, "zora." + suffix);
        assertThat(accounts.raw().body()).doesNotContainIgnoringCase("password").doesNotContain("argon");
        assertThat(admin.get("/api/identity/users?organisationId=" + organisation + "&page=1&size=1").body()
                .at("/items/0/username").asString()).isEqualTo("zora." + suffix);

        awaitProcessing().untilAsserted(() -> assertThat(admin.get("/api/identity/clients?organisationId="
                + organisation).body().get("total").asLong()).isEqualTo(1));
        Answer clients = admin.get("/api/identity/clients?organisationId=" + organisation);
        assertThat(clients.body().at("/items/0/clientId").asString()).isEqualTo("listed-" + suffix);
        assertThat(clients.raw().body()).doesNotContain(secret).doesNotContainIgnoringCase("secret");
        assertThat(admin.get("/api/identity/users?size=0").status()).isEqualTo(400);
    }

    @Test
    void operatorsListTheSigningKeysWithoutTheirPrivateParts() {
        Answer keys = as(Role.OPERATOR).get("/api/identity/signing-keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body().valueStream().filter(key -> key.get("signing").asBoolean()).count()).isEqualTo(1);
        assertThat(keys.raw().body()).doesNotContain("\"d\"").doesNotContain("jwk");
    }

    static Map<String, Object> organisation(UUID id, String name, String type, String country, List<String> services) {
        Map<String, Object> body = new HashMap<>();
        if (id != null) {
            body.put("organisationId", id.toString());
        }
        body.put("name", name);
        body.put("type", type);
        body.put("country", country);
        body.put("servicesOffered", services);
        return body;
    }

    static Map<String, Object> user(UUID id, String organisationId, String username, List<String> roles) {
        Map<String, Object> body = new HashMap<>();
        if (id != null) {
            body.put("userId", id.toString());
        }
        body.put("organisationId", organisationId);
        body.put("username", username);
        body.put("displayName", "Ana Petrović");
        body.put("roles", roles);
        body.put("password", "river boat at dawn 1987");
        return body;
    }

    static List<String> ids(Answer page) {
        return page.body().get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }

    static List<String> codes(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
