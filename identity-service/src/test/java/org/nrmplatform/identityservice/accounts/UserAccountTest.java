package org.nrmplatform.identityservice.accounts;

import java.time.Instant;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountLocked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountUnlocked;
import org.nrmplatform.identityservice.IdentityCommands.LockUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.UnlockUserAccount;

import static org.nrmplatform.identityservice.RuleViolations.refusal;

import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.identityservice.IdentityCommands.CreateUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.DeactivateUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.GrantRole;
import org.nrmplatform.identityservice.IdentityCommands.RevokeRole;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleGranted;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleRevoked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountDeactivated;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.organisations.Organisations;
import org.nrmplatform.shared.domain.RuleViolation.Kind;

/** The user account aggregate: creation in a registered organisation, grants, revocations, deactivation. */
class UserAccountTest {

    private static final UUID USER = UUID.fromString("0b000000-0000-4000-8000-000000000001");
    private static final UUID ORGANISATION = UUID.fromString("0a000000-0000-4000-8000-000000000001");
    private static final UUID UNKNOWN = UUID.fromString("0a000000-0000-4000-8000-0000000000ff");
    private static final UserAccountCreated CREATED = new UserAccountCreated(USER, ORGANISATION, "ana.petrovic",
            "Ana Petrović", List.of(Role.FIRST_LINE, Role.CASE_MANAGER));

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource((Organisations) ORGANISATION::equals);
    }

    @Test
    void createsAnAccountWithItsRolesOnceEachAndInOrder() {
        fixture.givenNoPriorActivity()
                .when(new CreateUserAccount(USER, ORGANISATION, "ana.petrovic", "Ana Petrović",
                        List.of(Role.CASE_MANAGER, Role.FIRST_LINE, Role.CASE_MANAGER)))
                .expectEvents(CREATED);
    }

    @Test
    void refusesAnAccountInAnUnknownOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new CreateUserAccount(USER, UNKNOWN, "ana.petrovic", "Ana Petrović", List.of(Role.FIRST_LINE)))
                .expectNoEvents()
                .expectException(refusal(Kind.RULE_NOT_MET, "organisationId"));
    }

    @Test
    void grantsARoleNamingTheOrganisation() {
        fixture.given(CREATED)
                .when(new GrantRole(USER, Role.PROSECUTOR))
                .expectEvents(new RoleGranted(USER, ORGANISATION, Role.PROSECUTOR))
                .expectResultMessagePayload(new AccountStatus(USER, ORGANISATION, "ana.petrovic",
                        List.of("first-line", "case-manager", "prosecutor"), true, 1L));
    }

    @Test
    void refusesToGrantARoleAlreadyHeld() {
        fixture.given(CREATED)
                .when(new GrantRole(USER, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void revokesARole() {
        fixture.given(CREATED)
                .when(new RevokeRole(USER, Role.FIRST_LINE))
                .expectEvents(new RoleRevoked(USER, ORGANISATION, Role.FIRST_LINE))
                .expectResultMessagePayload(new AccountStatus(USER, ORGANISATION, "ana.petrovic",
                        List.of("case-manager"), true, 1L));
    }

    @Test
    void refusesToRevokeARoleNotHeld() {
        fixture.given(CREATED, new RoleRevoked(USER, ORGANISATION, Role.FIRST_LINE))
                .when(new RevokeRole(USER, Role.FIRST_LINE))
                .expectNoEvents()
                .expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void deactivates() {
        fixture.given(CREATED)
                .when(new DeactivateUserAccount(USER, "left the service"))
                .expectEvents(new UserAccountDeactivated(USER, ORGANISATION, "left the service"))
                .expectResultMessagePayload(new AccountStatus(USER, ORGANISATION, "ana.petrovic",
                        List.of("first-line", "case-manager"), false, 1L));
    }

    @Test
    void aDeactivatedAccountIsNotChangedAnyMore() {
        UserAccountDeactivated deactivated = new UserAccountDeactivated(USER, ORGANISATION, null);
        fixture.given(CREATED, deactivated).when(new GrantRole(USER, Role.MONITOR))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(CREATED, deactivated).when(new RevokeRole(USER, Role.FIRST_LINE))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(CREATED, deactivated).when(new DeactivateUserAccount(USER, null))
                .expectNoEvents().expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    private static final Instant UNTIL = Instant.parse("2026-12-07T10:15:00Z");

    @Test
    void aLockIsRecordedAndOnlyALockedAccountIsUnlocked() {
        fixture.given(CREATED)
                .when(new LockUserAccount(USER, 10, UNTIL))
                .expectEvents(new UserAccountLocked(USER, ORGANISATION, 10, UNTIL));
        fixture.given(CREATED, new UserAccountLocked(USER, ORGANISATION, 10, UNTIL))
                .when(new UnlockUserAccount(USER, "called the help desk"))
                .expectEvents(new UserAccountUnlocked(USER, ORGANISATION, "called the help desk"));
        fixture.given(CREATED, new UserAccountLocked(USER, ORGANISATION, 10, UNTIL),
                        new UserAccountUnlocked(USER, ORGANISATION, null))
                .when(new UnlockUserAccount(USER, null))
                .expectNoEvents()
                .expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void aDeactivatedAccountIsNotLocked() {
        fixture.given(CREATED, new UserAccountDeactivated(USER, ORGANISATION, "left"))
                .when(new LockUserAccount(USER, 10, UNTIL))
                .expectNoEvents()
                .expectException(refusal(Kind.STATE_DOES_NOT_ALLOW, null));
    }
}
