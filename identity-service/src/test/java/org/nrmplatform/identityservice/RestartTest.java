package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.views.IdentityQueries.CountOrganisations;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.Progress;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * identity-service stopped and started again on the same store: the demo NRM is seeded once, the signing
 * keys persist (a token issued before the restart still works), and a rotation publishes both keys.
 * Starts the application itself, since each start is what is tested.
 */
class RestartTest {

    /** The demo NRM's organisations, users and clients (the approver, a person, has no client). */
    private static final long DEMO_EVENTS = 13 + 9 + 8;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void seedsOnceKeepsItsKeysAcrossARestartAndRotates() throws Exception {
        String token;
        String firstKid;
        try (ConfigurableApplicationContext first = start("events_" + suffix, "service_" + suffix, true)) {
            assertThat(demoEvents(first)).as("one event per demo organisation, user and client (the approver, a "
                    + "person, has no client)").isEqualTo(DEMO_EVENTS);
            OAuthClient oauth = new OAuthClient(url(first));
            assertThat(oauth.get("/actuator/health", Map.of()).body().get("status").asString()).isEqualTo("UP");
            OAuthClient.Answer issued = oauth.clientCredentials("demo-administrator", "demo-administrator-secret");
            assertThat(issued.status()).as("the demo accounts work as soon as the service is up").isEqualTo(200);
            token = issued.body().get("access_token").asString();
            firstKid = SignedJWT.parse(token).getHeader().getKeyID();
        }

        try (ConfigurableApplicationContext second = start("events_" + suffix, "service_" + suffix, true)) {
            assertThat(demoEvents(second)).as("a restart seeds nothing again").isEqualTo(DEMO_EVENTS);
            OAuthClient oauth = new OAuthClient(url(second));
            assertThat(publishedKids(oauth)).containsExactly(firstKid);
            ApiClient admin = new ApiClient(url(second)).as(token);
            assertThat(admin.get("/api/identity/organisations").status())
                    .as("a token from before the restart still verifies").isEqualTo(200);

            ApiClient.Answer rotated = admin.post("/api/identity/signing-keys/rotation", Map.of());
            assertThat(rotated.status()).isEqualTo(201);
            String newKid = rotated.body().get("kid").asString();
            assertThat(publishedKids(oauth)).containsExactlyInAnyOrder(firstKid, newKid);
            String newToken = awaitToken(second, oauth, "demo-operator");
            assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(newKid);
            assertThat(admin.get("/api/identity/organisations").status())
                    .as("tokens signed by the previous key verify during its retention").isEqualTo(200);

            assertThat(admin.post("/api/identity/signing-keys/" + firstKid + "/retirement", Map.of()).status())
                    .isEqualTo(200);
            assertThat(publishedKids(oauth)).containsExactly(newKid);
            assertThat(admin.get("/api/identity/organisations").status())
                    .as("a retired key's tokens are refused").isEqualTo(401);
        }
    }

    @Test
    void withTheDemoDisabledNothingIsSeeded() {
        try (ConfigurableApplicationContext context = start("events_off_" + suffix, "service_off_" + suffix, false)) {
            assertThat(demoEvents(context)).isZero();
            assertThat(context.getBean(QueryGateway.class).query(new CountOrganisations(), Long.class).join()).isZero();
            assertThat(new OAuthClient(url(context)).clientCredentials("demo-administrator",
                    "demo-administrator-secret").status()).isEqualTo(401);
        }
    }

    @Test
    void withoutAKeyEncryptionKeyTheServiceRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> new SpringApplication(IdentityServiceApplication.class).run(
                "--server.port=0",
                "--nrm.store.uri=" + EmbeddedStore.uri(),
                "--nrm.store.event-database=events_nokey_" + suffix,
                "--nrm.store.service-database=service_nokey_" + suffix))
                .rootCause().hasMessageContaining("NRM_IDENTITY_KEYENCRYPTIONKEY");
        try (MongoClient client = MongoClients.create(EmbeddedStore.uri())) {
            assertThat(client.getDatabase("service_nokey_" + suffix).getCollection("signing_keys").countDocuments())
                    .as("no key was created, in clear or otherwise").isZero();
        }
    }

    /**
     * A client locked after wrong secrets at one instance is refused at another on the same store, and still after
     * both stopped and a third started; the lock is lifted there. (Lock at the second failure, no back-off before.)
     */
    @Test
    void aLockHoldsAtASecondInstanceAndAfterARestart() {
        String events = "events_lock_" + suffix;
        String service = "service_lock_" + suffix;
        String[] lockAtTwo = {"--nrm.identity.throttling.lock-after=2", "--nrm.identity.throttling.backoff-after=2"};
        try (ConfigurableApplicationContext first = start(events, service, true, lockAtTwo)) {
            OAuthClient atFirst = new OAuthClient(url(first));
            awaitToken(first, atFirst, "demo-monitor"); // seeded by the first instance only
            try (ConfigurableApplicationContext second = start(events, service, true, lockAtTwo)) {
                OAuthClient atSecond = new OAuthClient(url(second));
                awaitToken(second, atSecond, "demo-operator");
                assertThat(atFirst.clientCredentials("demo-monitor", "wrong").status()).isEqualTo(401);
                assertThat(atFirst.clientCredentials("demo-monitor", "wrong again").status()).isEqualTo(401);

                OAuthClient.Answer refused = atSecond.clientCredentials("demo-monitor", "demo-monitor-secret");

                assertThat(refused.status()).as("locked, at the other instance").isEqualTo(429);
                assertThat(refused.header("Retry-After")).isNotNull();
            }
        }
        try (ConfigurableApplicationContext restarted = start(events, service, true, lockAtTwo)) {
            OAuthClient oauth = new OAuthClient(url(restarted));
            assertThat(oauth.clientCredentials("demo-monitor", "demo-monitor-secret").status())
                    .as("still locked after the restart").isEqualTo(429);
            String admin = awaitToken(restarted, oauth, "demo-administrator");
            assertThat(new ApiClient(url(restarted)).as(admin).post("/api/identity/clients/demo-monitor/unlocking",
                    Map.of("reason", "checked with the agency")).status()).isEqualTo(200);
            assertThat(oauth.clientCredentials("demo-monitor", "demo-monitor-secret").status()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(String eventDatabase, String serviceDatabase, boolean demo,
                                                        String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--nrm.store.uri=" + EmbeddedStore.uri(),
                "--nrm.store.event-database=" + eventDatabase,
                "--nrm.store.service-database=" + serviceDatabase,
                "--nrm.identity.key-encryption-key=" + EmbeddedStore.TEST_KEY_ENCRYPTION_KEY,
                "--nrm.identity.demo.enabled=" + demo));
        arguments.addAll(List.of(more));
        return new SpringApplication(IdentityServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Events recorded for the demo's fixed ids: one organisation per organisation type, a user and a client per role. */
    private static long demoEvents(ConfigurableApplicationContext context) {
        EventStorageEngine events = context.getBean(EventStorageEngine.class);
        List<String> ids = new ArrayList<>();
        CodeLists.load().get("nrm-organisation-type").values()
                .forEach(type -> ids.add(uuid("demo-org:" + type.code())));
        for (Role role : Role.values()) {
            ids.add(uuid("demo-user:" + role.code()));
            ids.add(uuid("demo-client:" + role.code()));
        }
        return ids.stream().mapToLong(id -> events.readEvents(id, 0).asStream().count()).sum();
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Waits while the instance's processors move (the client view), for the client's credentials to work. */
    private static String awaitToken(ConfigurableApplicationContext context, OAuthClient oauth, String clientId) {
        Progress.awaitWhileMoving("identity-service's event processors",
                Progress.processors(context.getBean(EventProcessingConfiguration.class))).until(() ->
                oauth.clientCredentials(clientId, clientId + "-secret").status() == 200);
        return oauth.clientCredentials(clientId, clientId + "-secret").body().get("access_token").asString();
    }

    private static List<String> publishedKids(OAuthClient oauth) throws Exception {
        return JWKSet.parse(oauth.get("/oauth2/jwks", Map.of()).raw().body()).getKeys().stream()
                .map(key -> key.getKeyID()).toList();
    }
}
