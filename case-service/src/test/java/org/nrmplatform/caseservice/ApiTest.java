package org.nrmplatform.caseservice;

import java.util.List;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.nrmplatform.caseservice.organisations.KnownOrganisations;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.Progress;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * case-service over real HTTP against an in-memory embedded store, called with real signed tokens by
 * professionals of three organisations: a police first-line unit, a social welfare centre (case
 * manager) and the identification authority.
 */
// steps are taken at once here; ApprovalApiTest holds them for approval, as an installation does by default
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"nrm.approvals.required=", "nrm.plans.poll-interval=200ms"})
abstract class ApiTest {

    static final String POLICE = "0f6a3c1e-1111-4a2b-9c3d-000000000001";
    static final String SOCIAL_WELFARE = "0f6a3c1e-2222-4a2b-9c3d-000000000002";
    static final String AUTHORITY = "0f6a3c1e-3333-4a2b-9c3d-000000000003";
    static final String OTHER_POLICE = "0f6a3c1e-4444-4a2b-9c3d-000000000004";
    /** Registered with identity-service (its event is in the store): what consents name as their recipient. */
    static final String REGISTERED_SHELTER = "0f6a3c1e-9999-4a2b-9c3d-000000000009";

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        EmbeddedStore.register(registry);
        TestTokens.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    KnownOrganisations organisations;
    @Autowired
    EventProcessingConfiguration processing;
    ApiClient anonymous;
    ApiClient firstLine;
    ApiClient caseManager;
    ApiClient authority;

    @BeforeEach
    void clients() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        firstLine = as(Role.FIRST_LINE, POLICE);
        caseManager = as(Role.CASE_MANAGER, SOCIAL_WELFARE);
        authority = as(Role.IDENTIFICATION_AUTHORITY, AUTHORITY);
        if (!organisations.contains(REGISTERED_SHELTER)) { // once per application context
            eventStore.publish(new GenericDomainEventMessage<>("Organisation", REGISTERED_SHELTER, 0,
                    new OrganisationRegistered(UUID.fromString(REGISTERED_SHELTER), "Shelter Novi Sad", "shelter",
                            "RS", List.of("SAFE_ACCOMMODATION", "MEDICAL_CARE"))));
            awaitProcessing().until(() -> organisations.contains(REGISTERED_SHELTER));
        }
    }

    /** Waits while case-service's processors keep moving: for views to show what was just stored. */
    ConditionFactory awaitProcessing() {
        return Progress.awaitWhileMoving("case-service's event processors", Progress.processors(processing));
    }

    ApiClient as(Role role, String organisationId) {
        return anonymous.as(TestTokens.get().forRole(role, organisationId));
    }
}
