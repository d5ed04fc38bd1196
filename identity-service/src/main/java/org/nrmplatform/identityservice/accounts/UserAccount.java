package org.nrmplatform.identityservice.accounts;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.identityservice.IdentityCommands.CreateUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.DeactivateUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.GrantRole;
import org.nrmplatform.identityservice.IdentityCommands.LockUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.UnlockUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.RevokeRole;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleGranted;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleRevoked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountDeactivated;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountLocked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountUnlocked;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.organisations.Organisations;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * A person's account in one organisation, and the roles it holds. Each grant and revocation is its own
 * event, so the roles held at any past instant can be told from the stream. The password is not here:
 * it never enters a command or an event.
 */
@Aggregate
public class UserAccount {

    @AggregateIdentifier
    private UUID userId;
    private UUID organisationId;
    private String username;
    private final Set<Role> roles = EnumSet.noneOf(Role.class);
    private boolean active;
    /** The last lock recorded and not lifted (it may have ended by itself since). */
    private boolean locked;

    protected UserAccount() {
        // required by Axon to rebuild the account from its events
    }

    @CommandHandler
    public UserAccount(CreateUserAccount command, Organisations organisations) {
        if (!organisations.registered(command.organisationId())) {
            throw RuleViolation.ruleNotMet("organisationId", "no organisation " + command.organisationId()
                    + " is registered");
        }
        apply(new UserAccountCreated(command.userId(), command.organisationId(), command.username(),
                command.displayName(), ordered(command.roles())));
    }

    @CommandHandler
    public AccountStatus handle(GrantRole command) {
        requireActive();
        if (roles.contains(command.role())) {
            throw RuleViolation.stateDoesNotAllow("the account already holds the role " + command.role().code());
        }
        apply(new RoleGranted(userId, organisationId, command.role()));
        return status();
    }

    @CommandHandler
    public AccountStatus handle(RevokeRole command) {
        requireActive();
        if (!roles.contains(command.role())) {
            throw RuleViolation.stateDoesNotAllow("the account does not hold the role " + command.role().code());
        }
        apply(new RoleRevoked(userId, organisationId, command.role()));
        return status();
    }

    @CommandHandler
    public AccountStatus handle(DeactivateUserAccount command) {
        requireActive();
        apply(new UserAccountDeactivated(userId, organisationId, command.reason()));
        return status();
    }

    /** Recorded by the sign-in throttle when the failures reach its limit (docs/architecture.md, decision 36). */
    @CommandHandler
    public void handle(LockUserAccount command) {
        requireActive();
        apply(new UserAccountLocked(userId, organisationId, command.failedSignIns(), command.lockedUntil()));
    }

    /** An administrator lets the account sign in again before its lock ends. */
    @CommandHandler
    public AccountStatus handle(UnlockUserAccount command) {
        if (!locked) {
            throw RuleViolation.stateDoesNotAllow("user account " + userId + " is not locked");
        }
        apply(new UserAccountUnlocked(userId, organisationId, command.reason()));
        return status();
    }

    private void requireActive() {
        if (!active) {
            throw RuleViolation.stateDoesNotAllow("user account " + userId + " is deactivated");
        }
    }

    private AccountStatus status() {
        return new AccountStatus(userId, organisationId, username, ordered(roles).stream().map(Role::code).toList(),
                active, AggregateLifecycle.getVersion());
    }

    /** Without duplicates and in the enum's order, so equal role sets are recorded identically. */
    static List<Role> ordered(Collection<Role> roles) {
        return roles == null ? List.of() : roles.stream().distinct().sorted(Comparator.naturalOrder()).toList();
    }

    @EventSourcingHandler
    void on(UserAccountCreated event) {
        userId = event.userId();
        organisationId = event.organisationId();
        username = event.username();
        roles.addAll(event.roles());
        active = true;
    }

    @EventSourcingHandler
    void on(RoleGranted event) {
        roles.add(event.role());
    }

    @EventSourcingHandler
    void on(RoleRevoked event) {
        roles.remove(event.role());
    }

    @EventSourcingHandler
    void on(UserAccountDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserAccountLocked event) {
        locked = true;
    }

    @EventSourcingHandler
    void on(UserAccountUnlocked event) {
        locked = false;
    }
}
