package org.nrmplatform.identityservice.clients;

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
import org.nrmplatform.identityservice.IdentityCommands.DeactivateApiClient;
import org.nrmplatform.identityservice.IdentityCommands.GrantClientRole;
import org.nrmplatform.identityservice.IdentityCommands.RegisterApiClient;
import org.nrmplatform.identityservice.IdentityCommands.RevokeClientRole;
import org.nrmplatform.identityservice.IdentityCommands.UnlockApiClient;
import org.nrmplatform.identityservice.throttling.FailedSignIns;
import org.nrmplatform.identityservice.RoleCodes;
import org.nrmplatform.identityservice.credentials.ClientSecrets;
import org.nrmplatform.identityservice.history.RoleHistory;
import org.nrmplatform.identityservice.views.ClientView;
import org.nrmplatform.identityservice.views.IdentityQueries.ClientPage;
import org.nrmplatform.identityservice.views.IdentityQueries.FindClient;
import org.nrmplatform.identityservice.views.IdentityQueries.ListClients;
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
 * API clients over HTTP, addressed by their client id. The secret is made by the server and shown once,
 * in the answer to the registration; afterwards only its hash exists.
 */
@RestController
@RequestMapping("/api/identity/clients")
class ApiClientController {

    static final String CLIENT_ID = "[a-z0-9][a-z0-9._-]{2,63}";

    record RegisterRequest(@NotNull UUID organisationId,
                           @NotBlank @Pattern(regexp = CLIENT_ID, message = "must be 3 to 64 lower-case letters, "
                                   + "digits or . _ -, starting with a letter or digit") String clientId,
                           @NotNull List<@NotBlank String> roles) {
    }

    /** The registration's answer: the only time the secret is ever shown. */
    record Registered(UUID apiClientId, String clientId, UUID organisationId, List<String> roles, boolean active,
                      Long version, String clientSecret) {
    }

    record RoleRequest(@NotBlank String role) {
    }

    record DeactivationRequest(@Size(max = 2000) String reason) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ClientRegistration registration;
    private final FailedSignIns failedSignIns;
    private final Clock clock;

    ApiClientController(CommandGateway commands, QueryGateway queries, ClientRegistration registration,
                        FailedSignIns failedSignIns, Clock clock) {
        this.clock = clock;
        this.failedSignIns = failedSignIns;
        this.commands = commands;
        this.queries = queries;
        this.registration = registration;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ResponseEntity<Registered> register(@Valid @RequestBody RegisterRequest request) {
        String secret = ClientSecrets.generate();
        ClientStatus status = registration.register(new RegisterApiClient(UUID.randomUUID(), request.clientId(),
                request.organisationId(), RoleCodes.parse(request.roles(), "roles")), secret);
        return ResponseEntity.created(URI.create("/api/identity/clients/" + status.clientId()))
                .header("Cache-Control", "no-store")
                .body(new Registered(status.apiClientId(), status.clientId(), status.organisationId(), status.roles(),
                        status.active(), status.version(), secret));
    }

    @PostMapping(path = "/{clientId}/roles", consumes = "application/json")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ClientStatus grant(@PathVariable String clientId, @Valid @RequestBody RoleRequest request) {
        return commands.sendAndWait(new GrantClientRole(apiClientId(clientId), RoleCodes.parse(request.role(), "role")));
    }

    @DeleteMapping("/{clientId}/roles/{role}")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ClientStatus revoke(@PathVariable String clientId, @PathVariable String role) {
        return commands.sendAndWait(new RevokeClientRole(apiClientId(clientId), RoleCodes.parse(role, "role")));
    }

    /** Revokes the client: the token endpoint refuses it from then on. The body, with a reason, is optional. */
    @PostMapping("/{clientId}/deactivation")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ClientStatus deactivate(@PathVariable String clientId,
                            @Valid @RequestBody(required = false) DeactivationRequest request) {
        return commands.sendAndWait(new DeactivateApiClient(apiClientId(clientId),
                request == null ? null : request.reason()));
    }

    /** The clients, of one organisation or of all, by client id (administrators' lists); never a secret. */
    @GetMapping
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR')")
    ClientPage list(@RequestParam(required = false) UUID organisationId,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.query(new ListClients(organisationId, page, size), ClientPage.class).join();
    }

    /**
     * Lifts the lock that wrong secrets set (recorded as an event); the client's failures are forgotten, so it gets
     * a token at once. The body, with a reason, is optional; 409 when the client is not locked.
     */
    @PostMapping("/{clientId}/unlocking")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ClientStatus unlock(@PathVariable String clientId,
                        @Valid @RequestBody(required = false) DeactivationRequest request) {
        ClientStatus status = commands.sendAndWait(new UnlockApiClient(apiClientId(clientId),
                request == null ? null : request.reason()));
        failedSignIns.forget(FailedSignIns.client(clientId));
        return status;
    }

    /** Every recorded change of the client, in order: registration, grants, revocations, locks, deactivation. */
    @GetMapping("/{clientId}/history")
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR', 'PROSECUTOR')")
    RoleHistory.Timeline history(@PathVariable String clientId) {
        RoleHistory.Timeline timeline = queries.query(new RoleHistory.Query(apiClientId(clientId),
                RoleHistory.Holder.CLIENT), RoleHistory.Timeline.class).join();
        if (!timeline.exists()) {
            throw notFound(clientId);
        }
        return timeline;
    }

    @GetMapping("/{clientId}")
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR')")
    ClientView get(@PathVariable String clientId) {
        return queries.query(new FindClient(clientId), ResponseTypes.optionalInstanceOf(ClientView.class)).join()
                .orElseThrow(() -> notFound(clientId));
    }

    /** The roles held at {@code at} (default: now), from the client's own events. */
    @GetMapping("/{clientId}/roles")
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR', 'PROSECUTOR')")
    RoleHistory.RolesAt rolesAt(@PathVariable String clientId, @RequestParam(required = false) Instant at) {
        RoleHistory.Timeline timeline = queries.query(new RoleHistory.Query(apiClientId(clientId),
                RoleHistory.Holder.CLIENT), RoleHistory.Timeline.class).join();
        if (!timeline.exists()) {
            throw notFound(clientId);
        }
        Instant now = clock.instant();
        return timeline.at(at != null ? at : now, now);
    }

    private UUID apiClientId(String clientId) {
        return registration.apiClientId(clientId).orElseThrow(() -> notFound(clientId));
    }

    private static ResponseStatusException notFound(String clientId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No API client " + clientId);
    }
}
