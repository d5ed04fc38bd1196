package org.nrmplatform.identityservice.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.identityservice.IdentityCommands.CreateUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.DeactivateUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.GrantRole;
import org.nrmplatform.identityservice.IdentityCommands.RevokeRole;
import org.nrmplatform.identityservice.IdentityCommands.UnlockUserAccount;
import org.nrmplatform.identityservice.throttling.FailedSignIns;
import org.nrmplatform.identityservice.RoleCodes;
import org.nrmplatform.identityservice.history.RoleHistory;
import org.nrmplatform.identityservice.views.AccountView;
import org.nrmplatform.identityservice.views.IdentityQueries.AccountPage;
import org.nrmplatform.identityservice.views.IdentityQueries.FindAccount;
import org.nrmplatform.identityservice.views.IdentityQueries.ListAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * User accounts over HTTP: administrators create them, grant and revoke roles and deactivate them; each
 * change is recorded with who made it. Administrators, operators and prosecutors may ask which roles an
 * account held at a past instant.
 */
@RestController
@RequestMapping("/api/identity/users")
class UserAccountController {

    static final String USERNAME = "[a-z0-9][a-z0-9._@-]{2,63}";

    record CreateRequest(UUID userId, @NotNull UUID organisationId,
                         @NotBlank @Pattern(regexp = USERNAME, message = "must be 3 to 64 lower-case letters, digits "
                                 + "or . _ @ -, starting with a letter or digit") String username,
                         @NotBlank @Size(max = 200) String displayName, @NotNull List<@NotBlank String> roles,
                         @NotBlank String password) {

        @Override
        public String toString() {
            return "CreateRequest[username=" + username + ", organisationId=" + organisationId + "]"; // no password
        }
    }

    record RoleRequest(@NotBlank String role) {
    }

    record DeactivationRequest(@Size(max = 2000) String reason) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final AccountCreation creation;
    private final FailedSignIns failedSignIns;
    private final Clock clock;

    UserAccountController(CommandGateway commands, QueryGateway queries, AccountCreation creation,
                          FailedSignIns failedSignIns, Clock clock) {
        this.clock = clock;
        this.failedSignIns = failedSignIns;
        this.commands = commands;
        this.queries = queries;
        this.creation = creation;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ResponseEntity<AccountStatus> create(@Valid @RequestBody CreateRequest request) {
        UUID userId = request.userId() != null ? request.userId() : UUID.randomUUID();
        AccountStatus status = creation.create(new CreateUserAccount(userId, request.organisationId(),
                request.username(), request.displayName().strip(), RoleCodes.parse(request.roles(), "roles")),
                request.password());
        return ResponseEntity.created(URI.create("/api/identity/users/" + userId)).body(status);
    }

    @PostMapping(path = "/{userId}/roles", consumes = "application/json")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    AccountStatus grant(@PathVariable UUID userId, @Valid @RequestBody RoleRequest request) {
        return commands.sendAndWait(new GrantRole(userId, RoleCodes.parse(request.role(), "role")));
    }

    @DeleteMapping("/{userId}/roles/{role}")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    AccountStatus revoke(@PathVariable UUID userId, @PathVariable String role) {
        return commands.sendAndWait(new RevokeRole(userId, RoleCodes.parse(role, "role")));
    }

    /** The body, with a reason, is optional. */
    @PostMapping("/{userId}/deactivation")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    AccountStatus deactivate(@PathVariable UUID userId,
                             @Valid @RequestBody(required = false) DeactivationRequest request) {
        return commands.sendAndWait(new DeactivateUserAccount(userId, request == null ? null : request.reason()));
    }

    /** The accounts, of one organisation or of all, by username (administrators' lists). */
    @GetMapping
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR')")
    AccountPage list(@RequestParam(required = false) UUID organisationId,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.query(new ListAccounts(organisationId, page, size), AccountPage.class).join();
    }

    /**
     * Lifts the lock that failed sign-ins set (recorded as an event); the account's failures are forgotten, so it
     * signs in at once. The body, with a reason, is optional; 409 when the account is not locked.
     */
    @PostMapping("/{userId}/unlocking")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    AccountStatus unlock(@PathVariable UUID userId, @Valid @RequestBody(required = false) DeactivationRequest request) {
        AccountStatus status = commands.sendAndWait(new UnlockUserAccount(userId,
                request == null ? null : request.reason()));
        failedSignIns.forget(FailedSignIns.user(status.username()));
        return status;
    }

    /** Every recorded change of the account, in order: creation, grants, revocations, locks, deactivation. */
    @GetMapping("/{userId}/history")
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR', 'PROSECUTOR')")
    RoleHistory.Timeline history(@PathVariable UUID userId) {
        RoleHistory.Timeline timeline = queries.query(new RoleHistory.Query(userId, RoleHistory.Holder.USER),
                RoleHistory.Timeline.class).join();
        if (!timeline.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No user account " + userId);
        }
        return timeline;
    }

    @GetMapping("/{userId}")
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR')")
    AccountView get(@PathVariable UUID userId) {
        return queries.query(new FindAccount(userId), ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user account " + userId));
    }

    /** The roles held at {@code at} (default: now), from the account's own events. */
    @GetMapping("/{userId}/roles")
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR', 'PROSECUTOR')")
    RoleHistory.RolesAt rolesAt(@PathVariable UUID userId, @RequestParam(required = false) Instant at) {
        RoleHistory.Timeline timeline = queries.query(new RoleHistory.Query(userId, RoleHistory.Holder.USER),
                RoleHistory.Timeline.class).join();
        if (!timeline.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No user account " + userId);
        }
        Instant now = clock.instant();
        return timeline.at(at != null ? at : now, now);
    }
}
