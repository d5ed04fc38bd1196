package org.nrmplatform.identityservice.clients;

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
import org.nrmplatform.identityservice.IdentityCommands.DeactivateApiClient;
import org.nrmplatform.identityservice.IdentityCommands.LockApiClient;
import org.nrmplatform.identityservice.IdentityCommands.UnlockApiClient;
import org.nrmplatform.identityservice.IdentityCommands.GrantClientRole;
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
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * An agency system that calls the platform with client credentials, on behalf of one organisation and
 * with its own roles. Its secret is not here: only a hash, in identity-service's own database.
 */
@Aggregate
public class ApiClient {

    @AggregateIdentifier
    private UUID apiClientId;
    private String clientId;
    private UUID organisationId;
    private final Set<Role> roles = EnumSet.noneOf(Role.class);
    private boolean active;
    /** The last lock recorded and not lifted (it may have ended by itself since). */
    private boolean locked;

    protected ApiClient() {
        // required by Axon to rebuild the client from its events
    }

    @CommandHandler
    public ApiClient(RegisterApiClient command, Organisations organisations) {
        if (!organisations.registered(command.organisationId())) {
            throw RuleViolation.ruleNotMet("organisationId", "no organisation " + command.organisationId()
                    + " is registered");
        }
        if (command.roles().contains(Role.APPROVER)) {
            throw noApprover("roles");
        }
        apply(new ApiClientRegistered(command.apiClientId(), command.clientId(), command.organisationId(),
                ordered(command.roles())));
    }

    @CommandHandler
    public ClientStatus handle(GrantClientRole command) {
        requireActive();
        if (command.role() == Role.APPROVER) {
            throw noApprover("role");
        }
        if (roles.contains(command.role())) {
            throw RuleViolation.stateDoesNotAllow("the client already holds the role " + command.role().code());
        }
        apply(new ApiClientRoleGranted(apiClientId, clientId, organisationId, command.role()));
        return status();
    }

    /** Four eyes are two people: a system may request an approval where it may act, never give one. */
    private static RuleViolation noApprover(String field) {
        return RuleViolation.ruleNotMet(field, "the role approver is held by people only; an API client cannot "
                + "approve");
    }

    @CommandHandler
    public ClientStatus handle(RevokeClientRole command) {
        requireActive();
        if (!roles.contains(command.role())) {
            throw RuleViolation.stateDoesNotAllow("the client does not hold the role " + command.role().code());
        }
        apply(new ApiClientRoleRevoked(apiClientId, clientId, organisationId, command.role()));
        return status();
    }

    @CommandHandler
    public ClientStatus handle(DeactivateApiClient command) {
        requireActive();
        apply(new ApiClientDeactivated(apiClientId, clientId, organisationId, command.reason()));
        return status();
    }

    /** Recorded by the sign-in throttle when the failures reach its limit (docs/architecture.md, decision 36). */
    @CommandHandler
    public void handle(LockApiClient command) {
        requireActive();
        apply(new ApiClientLocked(apiClientId, clientId, organisationId, command.failedSignIns(),
                command.lockedUntil()));
    }

    /** An administrator lets the client get tokens again before its lock ends. */
    @CommandHandler
    public ClientStatus handle(UnlockApiClient command) {
        if (!locked) {
            throw RuleViolation.stateDoesNotAllow("API client " + clientId + " is not locked");
        }
        apply(new ApiClientUnlocked(apiClientId, clientId, organisationId, command.reason()));
        return status();
    }

    private void requireActive() {
        if (!active) {
            throw RuleViolation.stateDoesNotAllow("API client " + clientId + " is deactivated");
        }
    }

    private ClientStatus status() {
        return new ClientStatus(apiClientId, clientId, organisationId, ordered(roles).stream().map(Role::code).toList(),
                active, AggregateLifecycle.getVersion());
    }

    private static List<Role> ordered(Collection<Role> roles) {
        return roles == null ? List.of() : roles.stream().distinct().sorted(Comparator.naturalOrder()).toList();
    }

    @EventSourcingHandler
    void on(ApiClientRegistered event) {
        apiClientId = event.apiClientId();
        clientId = event.clientId();
        organisationId = event.organisationId();
        roles.addAll(event.roles());
        active = true;
    }

    @EventSourcingHandler
    void on(ApiClientRoleGranted event) {
        roles.add(event.role());
    }

    @EventSourcingHandler
    void on(ApiClientRoleRevoked event) {
        roles.remove(event.role());
    }

    @EventSourcingHandler
    void on(ApiClientDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(ApiClientLocked event) {
        locked = true;
    }

    @EventSourcingHandler
    void on(ApiClientUnlocked event) {
        locked = false;
    }
}
