package org.nrmplatform.identityservice.organisations;

import static org.nrmplatform.identityservice.RuleViolations.refusal;

import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.identityservice.IdentityCommands.ChangeServicesOffered;
import org.nrmplatform.identityservice.IdentityCommands.RegisterOrganisation;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.ServicesOfferedChanged;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;

/** The organisation aggregate against the real code lists: each transition and each refusal. */
class OrganisationTest {

    private static final CodeLists CODE_LISTS = CodeLists.load();
    private static final UUID ID = UUID.fromString("0a000000-0000-4000-8000-000000000001");
    private static final OrganisationRegistered SHELTER = new OrganisationRegistered(ID, "Shelter Novi Sad", "shelter",
            "RS", List.of("SAFE_ACCOMMODATION", "MEDICAL_CARE"));

    private FixtureConfiguration<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
        fixture.registerInjectableResource(CODE_LISTS);
    }

    @Test
    void registersAnOrganisationWithItsServices() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation(ID, "Shelter Novi Sad", "shelter", "RS",
                        List.of("SAFE_ACCOMMODATION", "MEDICAL_CARE", "SAFE_ACCOMMODATION")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(SHELTER);
    }

    @Test
    void anOrganisationMayOfferNoServices() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation(ID, "Police Directorate", "police", "XK", List.of()))
                .expectEvents(new OrganisationRegistered(ID, "Police Directorate", "police", "XK", List.of()));
    }

    @Test
    void refusesATypeOutsideTheCodeList() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation(ID, "Ministry", "ministry", "RS", List.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectException(refusal(Kind.RULE_NOT_MET, "type"));
    }

    @Test
    void refusesACountryThatIsNotIso3166() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation(ID, "Police", "police", "YU", List.of()))
                .expectNoEvents()
                .expectException(refusal(Kind.RULE_NOT_MET, "country"));
    }

    @Test
    void refusesAServiceOutsideTheServiceTypes() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation(ID, "Shelter", "shelter", "RS", List.of("SAFE_ACCOMMODATION", "SPA")))
                .expectNoEvents()
                .expectException(refusal(Kind.RULE_NOT_MET, "servicesOffered"));
    }

    @Test
    void changesTheServicesOffered() {
        fixture.given(SHELTER)
                .when(new ChangeServicesOffered(ID, List.of("SAFE_ACCOMMODATION", "LEGAL_AID")))
                .expectEvents(new ServicesOfferedChanged(ID, List.of("SAFE_ACCOMMODATION", "LEGAL_AID")))
                .expectResultMessagePayload(new OrganisationStatus(ID, "Shelter Novi Sad", "shelter", "RS",
                        List.of("SAFE_ACCOMMODATION", "LEGAL_AID"), 1L));
    }

    @Test
    void theSameServicesAgainRecordNothing() {
        fixture.given(SHELTER)
                .when(new ChangeServicesOffered(ID, List.of("MEDICAL_CARE", "SAFE_ACCOMMODATION")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownServiceWhenChanging() {
        fixture.given(SHELTER)
                .when(new ChangeServicesOffered(ID, List.of("TELEPORTATION")))
                .expectNoEvents()
                .expectException(refusal(Kind.RULE_NOT_MET, "servicesOffered"));
    }
}
