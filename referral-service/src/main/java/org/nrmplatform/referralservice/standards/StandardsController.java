package org.nrmplatform.referralservice.standards;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.providers.FindingRating;
import org.nrmplatform.contracts.providers.LicenceKind;
import org.nrmplatform.contracts.providers.ProviderEvents;
import org.nrmplatform.referralservice.providers.Provider;
import org.nrmplatform.referralservice.providers.ProviderDirectory;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.FindingEntry;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RaiseCorrectiveAction;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordCorrectiveActionDone;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordFunding;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordLicence;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordMonitoringVisit;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordServiceCapacity;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.PlausibleTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Providers' standards and capacity over HTTP (docs/need-to-know.md). The administrator, who registers
 * organisations, records what a provider has: services with capacity, licences, public funding. The monitor, who
 * assesses providers, records visits with findings and corrective actions. The provider itself records its own
 * corrective actions done (so does the monitor, after checking), and reads its own standing; other providers do not
 * find it.
 */
@RestController
@RequestMapping("/api/providers")
class StandardsController {

    static final String ADMINISTRATOR = "hasRole('ADMINISTRATOR')";
    static final String MONITOR = "hasRole('MONITOR')";
    static final String COORDINATORS = "hasAnyRole('ADMINISTRATOR', 'MONITOR')";
    static final String COORDINATORS_AND_PROVIDER = "hasAnyRole('ADMINISTRATOR', 'MONITOR', 'SERVICE_PROVIDER')";

    record ServiceRequest(@NotBlank @Size(max = 64) String serviceType, @NotBlank @Size(max = 100) String region,
                          @NotNull Integer places, @NotNull Integer staff) {
    }

    record LicenceRequest(UUID licenceId, @NotNull LicenceKind kind, @NotBlank @Size(max = 100) String reference,
                          @NotBlank @Size(max = 200) String issuedBy,
                          @NotNull @PlausibleTime(future = true) LocalDate expiresOn) {
    }

    record FindingRequest(@NotBlank @Size(max = 64) String item, @NotNull FindingRating rating,
                          @Size(max = 2000) String note) {
    }

    record VisitRequest(UUID visitId, @NotNull @PlausibleTime LocalDate visitedOn, Integer standardsVersion,
                        @NotEmpty @Size(max = 200) List<@Valid FindingRequest> findings) {
    }

    record CorrectiveActionRequest(UUID actionId, @NotNull UUID visitId, @NotBlank @Size(max = 64) String item,
                                   @NotBlank @Size(max = 2000) String description,
                                   @NotNull @PlausibleTime(future = true) LocalDate dueOn) {
    }

    record DoneRequest(@Size(max = 2000) String note) {
    }

    record FundingRequest(UUID fundingId, @NotNull BigDecimal amount, @NotBlank @Size(max = 3) String currency,
                          @NotNull @PlausibleTime(future = true) LocalDate periodFrom,
                          @NotNull @PlausibleTime(future = true) LocalDate periodTo,
                          @NotBlank @Size(max = 200) String funder) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProviderDirectory directory;
    private final CodeLists codeLists;
    private final MinimumStandards standards;

    StandardsController(CommandGateway commands, QueryGateway queries, ProviderDirectory directory,
                        CodeLists codeLists, MinimumStandards standards) {
        this.commands = commands;
        this.queries = queries;
        this.directory = directory;
        this.codeLists = codeLists;
        this.standards = standards;
    }

    /** The versions of the minimum service standards, with their items and sources: reference data. */
    @GetMapping("/standards")
    @PreAuthorize("isAuthenticated()")
    List<MinimumStandards.Checklist> standards() {
        return standards.versions();
    }

    @PostMapping(path = "/{organisationId}/services", consumes = "application/json")
    @PreAuthorize(ADMINISTRATOR)
    ServiceProviderState service(@PathVariable UUID organisationId, @Valid @RequestBody ServiceRequest request) {
        Provider provider = provider(organisationId);
        codeLists.requireCode("service-type", request.serviceType(), "serviceType");
        if (!provider.offers(request.serviceType())) {
            throw RuleViolation.ruleNotMet("serviceType", provider.name() + " does not offer " + request.serviceType()
                    + "; change the services it offers first (PUT /api/identity/organisations/" + organisationId
                    + "/services-offered)");
        }
        return commands.sendAndWait(new RecordServiceCapacity(stream(organisationId), organisationId,
                request.serviceType(), request.region(), request.places(), request.staff()));
    }

    @PostMapping(path = "/{organisationId}/licences", consumes = "application/json")
    @PreAuthorize(ADMINISTRATOR)
    ResponseEntity<ServiceProviderState> licence(@PathVariable UUID organisationId,
                                                 @Valid @RequestBody LicenceRequest request) {
        provider(organisationId);
        UUID licenceId = idOr(request.licenceId());
        ServiceProviderState state = commands.sendAndWait(new RecordLicence(stream(organisationId), organisationId,
                licenceId, request.kind(), request.reference(), request.issuedBy(), request.expiresOn()));
        return ResponseEntity.created(URI.create("/api/providers/" + organisationId + "/standing")).body(state);
    }

    @PostMapping(path = "/{organisationId}/funding", consumes = "application/json")
    @PreAuthorize(ADMINISTRATOR)
    ResponseEntity<ServiceProviderState> funding(@PathVariable UUID organisationId,
                                                 @Valid @RequestBody FundingRequest request) {
        provider(organisationId);
        ServiceProviderState state = commands.sendAndWait(new RecordFunding(stream(organisationId), organisationId,
                idOr(request.fundingId()), request.amount(), request.currency(), request.periodFrom(),
                request.periodTo(), request.funder()));
        return ResponseEntity.created(URI.create("/api/providers/" + organisationId + "/standing")).body(state);
    }

    @PostMapping(path = "/{organisationId}/monitoring-visits", consumes = "application/json")
    @PreAuthorize(MONITOR)
    ResponseEntity<ServiceProviderState> visit(@PathVariable UUID organisationId,
                                               @Valid @RequestBody VisitRequest request) {
        provider(organisationId);
        List<FindingEntry> findings = request.findings().stream()
                .map(f -> new FindingEntry(f.item(), f.rating(), f.note())).toList();
        ServiceProviderState state = commands.sendAndWait(new RecordMonitoringVisit(stream(organisationId),
                organisationId, idOr(request.visitId()), request.visitedOn(), request.standardsVersion(), findings));
        return ResponseEntity.created(URI.create("/api/providers/" + organisationId + "/standing")).body(state);
    }

    @PostMapping(path = "/{organisationId}/corrective-actions", consumes = "application/json")
    @PreAuthorize(MONITOR)
    ResponseEntity<ServiceProviderState> correctiveAction(@PathVariable UUID organisationId,
                                                          @Valid @RequestBody CorrectiveActionRequest request) {
        provider(organisationId);
        ServiceProviderState state = commands.sendAndWait(new RaiseCorrectiveAction(stream(organisationId),
                organisationId, idOr(request.actionId()), request.visitId(), request.item(), request.description(),
                request.dueOn()));
        return ResponseEntity.created(URI.create("/api/providers/" + organisationId + "/standing")).body(state);
    }

    /** By the monitor, or by the provider for its own actions (another provider: 404, as if none existed). */
    @PostMapping(path = "/{organisationId}/corrective-actions/{actionId}/completion", consumes = "application/json")
    @PreAuthorize("hasAnyRole('MONITOR', 'SERVICE_PROVIDER')")
    ServiceProviderState done(@PathVariable UUID organisationId, @PathVariable UUID actionId,
                              @Valid @RequestBody DoneRequest request, @AuthenticationPrincipal Jwt token) {
        requireMonitorOrOwn(organisationId, Actor.from(token));
        provider(organisationId);
        return commands.sendAndWait(new RecordCorrectiveActionDone(stream(organisationId), actionId,
                request.note()));
    }

    /** A provider's standing: the coordinators read any; a provider its own (another: 404). */
    @GetMapping("/{organisationId}/standing")
    @PreAuthorize(COORDINATORS_AND_PROVIDER)
    ProviderStandings.Standing standing(@PathVariable UUID organisationId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        if (!actor.has(Role.ADMINISTRATOR)) {
            requireMonitorOrOwn(organisationId, actor);
        }
        provider(organisationId);
        return queries.query(new ProviderStandings.FindStanding(organisationId.toString()),
                        ResponseTypes.optionalInstanceOf(ProviderStandings.Standing.class)).join()
                .orElseGet(() -> new ProviderStandings.Standing(ProviderStanding.empty(organisationId.toString()),
                        Compliance.NOT_ASSESSED, List.of(), null, null));
    }

    @GetMapping("/licences/expiring")
    @PreAuthorize(COORDINATORS)
    ProviderStandings.ExpiringList expiring() {
        return queries.query(new ProviderStandings.ExpiringLicences(), ProviderStandings.ExpiringList.class).join();
    }

    private static void requireMonitorOrOwn(UUID organisationId, Actor actor) {
        if (!actor.has(Role.MONITOR) && !organisationId.toString().equals(actor.organisationId())) {
            throw notFound(organisationId);
        }
    }

    private Provider provider(UUID organisationId) {
        return directory.find(organisationId.toString()).filter(p -> !p.servicesOffered().isEmpty())
                .orElseThrow(() -> notFound(organisationId));
    }

    private static String stream(UUID organisationId) {
        return ProviderEvents.streamOf(organisationId);
    }

    private static UUID idOr(UUID given) {
        return given != null ? given : UUID.randomUUID();
    }

    private static ResponseStatusException notFound(UUID organisationId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No service provider " + organisationId);
    }
}
