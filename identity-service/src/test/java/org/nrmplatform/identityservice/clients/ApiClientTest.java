package org.nrmplatform.identityservice.clients;

import static org.nrmplatform.identityservice.RuleViolations.refusal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.identityservice.IdentityCommands.DeactivateApiClient;
import org.nrmplatform.identityservice.IdentityCommands.GrantClientRole;
import org.nrmplatform.identityservice.IdentityCommands.LockApiClient;
import org.nrmplatform.identityservice.IdentityCommands.UnlockApiClient;
import org.nrmplatform.identityservice.IdentityCommands.RegisterApiClient;
import org.nrmplatform.identityservice.IdentityCommands.RevokeClientRole;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientDeactivated;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientLocked;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientUnlocked;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRoleGranted;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRoleRevoked;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.organisations.Organisations;
import org.nrmplatform.shared.domain.RuleViolation.Kind;

/** The API client aggregate: registration in a registered organisation, roles, deactivation (revocation). */
class ApiClientTest {

    private static final UUID CLIENT = UUID.fromString("0c000000-0000-4000-8000-000000000001");
    private static final UUID ORGANISATION = UUID.fromString("0a000000-0000-4000-8000-000000000001");
    private static final ApiClientRegistered REGISTERED = new ApiClientRegistered(CLIENT, "shelter-system",
            ORGANISATION, List.of(Role.SERVICE_PROVIDER));

    private FixtureConfiguration<ApiClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiClient.class);
        fixture.registerInjectableResource((Organisations) ORGANISATION::equals);
    }

    @Test
    void registersAClient() {
        fixture.givenNoPriorActivity()
                .when(new RegisterApiClient(CLIENT, "shelter-system", ORGANISATION,
                        List.of(Role.SERVICE_PROVIDER, Role.SERVICE_PROVIDER)))
                .expectEvents(REGISTERED);
    }

    @Test
    void refusesAClientOfAnUnknownOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new RegisterApiClient(CLIENT, "shelter-system", UUID.randomUUID(), List.of(Role.MONITOR)))
                .expectNoEvents()
                .expectException(refusal(Kind.RULE_NOT_MET, "organisationId"));
    }

    @Test
    void grantsAndRevokesRoles() {
        fixture.given(REGISTERED)
                .when(new GrantClientRole(CLIENT, Role.CASE_MANAGER))
                .expectEvents(new ApiClientRoleGranted(CLIENT, "shelter-system", ORGANISATION, Role.CASE_MANAGER))
                .expectResultMessagePayload(new ClientStatus(CLIENT, "shelter-system", ORGANISATION,
                        List.of("case-manager", "service-provider"), true, 1L));
        fixture.given(REGISTERED)
                .when(new RevokeClientRole(CLIENT, Role.SERVICE_PROVIDER))
                .expectEvents(new ApiClientRoleRevoked(CLIENT, "shelter-system", ORGANISATION, Role.SERVICE_PROVIDER));
    }

    @Test
    void refusesAGrantOfARoleHeldAndARevocationOfOneNotHeld() {
        fixture.given(REGISTERED).when(new GrantClientRole(CLIENT, Role.SERVICE_PROVIDER))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(REGISTERED).when(new RevokeClientRole(CLIENT, Role.MONITOR))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void deactivationRevokesTheClientForGood() {
        ApiClientDeactivated deactivated = new ApiClientDeactivated(CLIENT, "shelter-system", ORGANISATION,
                "secret leaked");
        fixture.given(REGISTERED)
                .when(new DeactivateApiClient(CLIENT, "secret leaked"))
                .expectEvents(deactivated);
        fixture.given(REGISTERED, deactivated).when(new DeactivateApiClient(CLIENT, null))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(REGISTERED, deactivated).when(new GrantClientRole(CLIENT, Role.MONITOR))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void aLockIsRecordedWithTheClientIdAndOnlyALockedClientIsUnlocked() {
        Instant until = Instant.parse("2026-12-07T10:15:00Z");
        fixture.given(REGISTERED)
                .when(new LockApiClient(CLIENT, 10, until))
                .expectEvents(new ApiClientLocked(CLIENT, "shelter-system", ORGANISATION, 10, until));
        fixture.given(REGISTERED, new ApiClientLocked(CLIENT, "shelter-system", ORGANISATION, 10, until))
                .when(new UnlockApiClient(CLIENT, "new secret sent"))
                .expectEvents(new ApiClientUnlocked(CLIENT, "shelter-system", ORGANISATION, "new secret sent"));
        fixture.given(REGISTERED)
                .when(new UnlockApiClient(CLIENT, null))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }
}
