package org.nrmplatform.identityservice.organisations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.identityservice.IdentityCommands.ChangeServicesOffered;
import org.nrmplatform.identityservice.IdentityCommands.RegisterOrganisation;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.identityservice.IdempotentCreation;
import org.nrmplatform.identityservice.views.IdentityQueries.FindOrganisation;
import org.nrmplatform.identityservice.views.IdentityQueries.ListOrganisations;
import org.nrmplatform.identityservice.views.IdentityQueries.OrganisationPage;
import org.nrmplatform.identityservice.views.OrganisationView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Organisations over HTTP. Administrators register them and change the services they offer; every
 * authenticated caller may read the directory (it is how agencies find each other).
 */
@RestController
@RequestMapping("/api/identity/organisations")
class OrganisationController {

    record RegisterRequest(UUID organisationId, @NotBlank @Size(max = 200) String name, @NotBlank String type,
                           @NotBlank @Size(min = 2, max = 2) String country,
                           List<@NotBlank String> servicesOffered) {
    }

    record ServicesOfferedRequest(@NotNull List<@NotBlank String> servicesOffered) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final IdempotentCreation creation;

    OrganisationController(CommandGateway commands, QueryGateway queries, IdempotentCreation creation) {
        this.commands = commands;
        this.queries = queries;
        this.creation = creation;
    }

    /** A client may supply the id: repeating the same registration is answered as the first. */
    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ResponseEntity<OrganisationStatus> register(@Valid @RequestBody RegisterRequest request) {
        UUID id = request.organisationId() != null ? request.organisationId() : UUID.randomUUID();
        List<String> services = request.servicesOffered() == null ? List.of()
                : request.servicesOffered().stream().distinct().toList();
        RegisterOrganisation command = new RegisterOrganisation(id, request.name().strip(), request.type(),
                request.country(), services);
        creation.create(id, command, OrganisationController::registeredAs);
        return ResponseEntity.created(URI.create("/api/identity/organisations/" + id))
                .body(new OrganisationStatus(id, command.name(), command.type(), command.country(), services, 0L));
    }

    @PutMapping(path = "/{organisationId}/services-offered", consumes = "application/json")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    OrganisationStatus changeServicesOffered(@PathVariable UUID organisationId,
                                             @Valid @RequestBody ServicesOfferedRequest request) {
        return commands.sendAndWait(new ChangeServicesOffered(organisationId, List.copyOf(request.servicesOffered())));
    }

    /** The directory, filterable by type, country and a service offered. */
    @GetMapping
    @PreAuthorize("isAuthenticated()")
    OrganisationPage list(@RequestParam(required = false) String type,
                          @RequestParam(required = false) String country,
                          @RequestParam(required = false) String service,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.query(new ListOrganisations(type, country, service, page, size), OrganisationPage.class)
                .join();
    }

    @GetMapping("/{organisationId}")
    @PreAuthorize("isAuthenticated()")
    OrganisationView get(@PathVariable UUID organisationId) {
        return queries.query(new FindOrganisation(organisationId),
                        ResponseTypes.optionalInstanceOf(OrganisationView.class)).join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No organisation " + organisationId));
    }

    private static Object registeredAs(Object event) {
        return event instanceof OrganisationRegistered e
                ? new RegisterOrganisation(e.organisationId(), e.name(), e.type(), e.country(), e.servicesOffered())
                : null;
    }
}
