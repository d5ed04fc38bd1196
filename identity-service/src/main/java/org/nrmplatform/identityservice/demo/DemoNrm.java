package org.nrmplatform.identityservice.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.identityservice.IdentityCommands.CreateUserAccount;
import org.nrmplatform.identityservice.IdentityCommands.RegisterApiClient;
import org.nrmplatform.identityservice.IdentityCommands.RegisterOrganisation;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.IdempotentCreation;
import org.nrmplatform.identityservice.IdentityProperties;
import org.nrmplatform.identityservice.accounts.AccountCreation;
import org.nrmplatform.identityservice.clients.ClientRegistration;
import org.nrmplatform.identityservice.views.AccountView;
import org.nrmplatform.identityservice.views.ClientView;
import org.nrmplatform.identityservice.views.IdentityQueries.CountOrganisations;
import org.nrmplatform.identityservice.views.IdentityQueries.FindAccountByUsername;
import org.nrmplatform.identityservice.views.IdentityQueries.FindClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A demo NRM in Serbia (RS) for local runs on the embedded store ({@code nrm.identity.demo.enabled}, set by
 * the launcher only then): one organisation of each type and, for each role, a user and an API client in a
 * fitting organisation, all recorded through the ordinary commands. Credentials are fixed so that the
 * README can list them: user {@code demo-<role>} / {@code demo-<role>-Pa55!}, client {@code demo-<role>} /
 * {@code demo-<role>-secret}. Never enable it on a store with real data.
 *
 * <p>Seeds only when no organisation exists (or completes a seeding that was interrupted). Ids are fixed,
 * so a second instance seeding at the same time, or a restart, records nothing twice: every creation is
 * idempotent.
 */
@Component
class DemoNrm implements HealthIndicator {

    static final String COUNTRY = "RS";
    private static final Logger log = LoggerFactory.getLogger(DemoNrm.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    record DemoOrganisation(String type, String name, List<String> servicesOffered) {

        UUID id() {
            return organisationId(type);
        }
    }

    static final List<DemoOrganisation> ORGANISATIONS = List.of(
            new DemoOrganisation("police", "Demo Police Directorate", List.of()),
            new DemoOrganisation("border-police", "Demo Border Police Administration", List.of()),
            new DemoOrganisation("social-welfare", "Demo Centre for Social Work",
                    List.of("SOCIAL_CARE", "CHILD_PROTECTION", "PSYCHOSOCIAL_SUPPORT")),
            new DemoOrganisation("health", "Demo Clinical Centre", List.of("MEDICAL_CARE", "PSYCHOSOCIAL_SUPPORT")),
            new DemoOrganisation("labour-inspection", "Demo Labour Inspectorate", List.of()),
            new DemoOrganisation("cso", "Demo Legal Aid Network",
                    List.of("LEGAL_AID", "INTERPRETATION", "REINTEGRATION_SUPPORT")),
            new DemoOrganisation("shelter", "Demo Shelter Novi Sad",
                    List.of("SAFE_ACCOMMODATION", "PSYCHOSOCIAL_SUPPORT", "MEDICAL_CARE")),
            new DemoOrganisation("prosecution", "Demo Prosecutor's Office", List.of()),
            new DemoOrganisation("identification-authority", "Demo Identification Authority", List.of()),
            new DemoOrganisation("coordinator", "Demo NRM Coordinator", List.of()),
            new DemoOrganisation("education", "Demo Secondary School", List.of("EDUCATION")),
            new DemoOrganisation("employment-service", "Demo Employment Service",
                    List.of("EMPLOYMENT_SUPPORT", "VOCATIONAL_TRAINING")),
            new DemoOrganisation("platform-operator", "Demo Platform Operations", List.of()));

    /** Where each role's demo user and client belong. */
    static final Map<Role, String> HOME = homes();

    private static Map<Role, String> homes() {
        Map<Role, String> homes = new LinkedHashMap<>();
        homes.put(Role.FIRST_LINE, "police");
        homes.put(Role.IDENTIFICATION_AUTHORITY, "identification-authority");
        homes.put(Role.CASE_MANAGER, "social-welfare");
        homes.put(Role.SERVICE_PROVIDER, "shelter");
        homes.put(Role.PROSECUTOR, "prosecution");
        homes.put(Role.MONITOR, "coordinator");
        homes.put(Role.OPERATOR, "platform-operator");
        homes.put(Role.ADMINISTRATOR, "coordinator");
        // approves the closures, erasures and transnational referrals its case managers request
        homes.put(Role.APPROVER, "social-welfare");
        return Map.copyOf(homes);
    }

    static UUID organisationId(String type) {
        return uuid("demo-org:" + type);
    }

    static UUID userId(Role role) {
        return uuid("demo-user:" + role.code());
    }

    static UUID apiClientId(Role role) {
        return uuid("demo-client:" + role.code());
    }

    static String name(Role role) {
        return "demo-" + role.code();
    }

    static String password(Role role) {
        return name(role) + "-Pa55!";
    }

    static String secret(Role role) {
        return name(role) + "-secret";
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private final IdentityProperties properties;
    private final IdempotentCreation creation;
    private final AccountCreation accounts;
    private final ClientRegistration clients;
    private final QueryGateway queries;
    private final EventProcessingConfiguration processing;
    /** Until seeding is over the service reports OUT_OF_SERVICE, so that the launcher waits for the demo accounts. */
    private volatile boolean settled;

    DemoNrm(IdentityProperties properties, IdempotentCreation creation, AccountCreation accounts,
            ClientRegistration clients, QueryGateway queries, EventProcessingConfiguration processing) {
        this.properties = properties;
        this.creation = creation;
        this.accounts = accounts;
        this.clients = clients;
        this.queries = queries;
        this.processing = processing;
        this.settled = !properties.demo().enabled();
    }

    @Override
    public Health health() {
        return settled ? Health.up().build()
                : Health.outOfService().withDetail("demo", "seeding the demo NRM").build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedIfEmpty() {
        if (!properties.demo().enabled()) {
            return;
        }
        try {
            seedUnlessPresent();
        } finally {
            settled = true;
        }
    }

    private void seedUnlessPresent() {
        List<UUID> ids = demoIds();
        long present = ids.stream().filter(creation::exists).count();
        if (present == ids.size()) {
            log.info("Demo NRM: already seeded, nothing to do");
            return;
        }
        if (present == 0) {
            long registered = organisationsRegistered();
            if (registered > 0) {
                log.info("Demo NRM: {} organisation(s) exist already, nothing seeded", registered);
                return;
            }
        } else {
            log.info("Demo NRM: completing an interrupted seeding ({} of {} records present)", present, ids.size());
        }
        seed();
    }

    /** Creates whatever of the demo NRM is missing; every creation is idempotent, so a race records nothing twice. */
    void seed() {
        for (DemoOrganisation organisation : ORGANISATIONS) {
            if (!creation.exists(organisation.id())) {
                creation.create(organisation.id(), new RegisterOrganisation(organisation.id(), organisation.name(),
                        organisation.type(), COUNTRY, organisation.servicesOffered()), DemoNrm::registeredAs);
            }
        }
        for (Role role : Role.values()) {
            DemoOrganisation home = home(role);
            if (!creation.exists(userId(role))) {
                accounts.createDemo(new CreateUserAccount(userId(role), home.id(), name(role), displayName(role),
                        List.of(role)), password(role));
                log.info("Demo NRM: user {} ({}) in {}", name(role), role.code(), home.name());
            }
            if (hasClient(role) && !creation.exists(apiClientId(role))) {
                clients.register(new RegisterApiClient(apiClientId(role), name(role), home.id(), List.of(role)),
                        secret(role));
                log.info("Demo NRM: API client {} ({}) in {}", name(role), role.code(), home.name());
            }
        }
        log.info("Demo NRM seeded in {}: {} organisations, {} users and {} API clients (credentials in the README)",
                COUNTRY, ORGANISATIONS.size(), Role.values().length,
                Arrays.stream(Role.values()).filter(DemoNrm::hasClient).count());
        awaitSignInPossible();
    }

    private static List<UUID> demoIds() {
        List<UUID> ids = new ArrayList<>(ORGANISATIONS.stream().map(DemoOrganisation::id).toList());
        for (Role role : Role.values()) {
            ids.add(userId(role));
            if (hasClient(role)) {
                ids.add(apiClientId(role));
            }
        }
        return ids;
    }

    /** The views the token endpoint reads follow the events within moments; report healthy once they have. */
    private void awaitSignInPossible() {
        Role last = Role.values()[Role.values().length - 1];
        Role lastWithClient = Arrays.stream(Role.values()).filter(DemoNrm::hasClient).reduce((a, b) -> b).orElseThrow();
        waitUntil(() -> queries.query(new FindClient(name(lastWithClient)), ResponseTypes.optionalInstanceOf(ClientView.class))
                .join().isPresent()
                && queries.query(new FindAccountByUsername(name(last)),
                        ResponseTypes.optionalInstanceOf(AccountView.class)).join().isPresent());
    }

    private static void waitUntil(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(CATCH_UP);
        while (Instant.now().isBefore(deadline) && !condition.getAsBoolean()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Asked of the directory once it has caught up with the event store (or after a bounded wait). */
    private long organisationsRegistered() {
        waitUntil(this::directoryCaughtUp);
        return queries.query(new CountOrganisations(), Long.class).join();
    }

    private boolean directoryCaughtUp() {
        return processing.eventProcessor("organisation-views", StreamingEventProcessor.class)
                .map(processor -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()))
                .orElse(true);
    }

    private static DemoOrganisation home(Role role) {
        String type = HOME.get(role);
        return ORGANISATIONS.stream().filter(organisation -> organisation.type().equals(type)).findFirst()
                .orElseThrow();
    }

    private static String displayName(Role role) {
        return "Demo " + Arrays.stream(role.code().split("-"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .reduce((a, b) -> a + " " + b).orElseThrow();
    }

    /** An approver is a person: API clients never approve, so none is seeded with that role. */
    static boolean hasClient(Role role) {
        return role != Role.APPROVER;
    }

    private static Object registeredAs(Object event) {
        return event instanceof OrganisationRegistered e
                ? new RegisterOrganisation(e.organisationId(), e.name(), e.type(), e.country(), e.servicesOffered())
                : null;
    }
}
