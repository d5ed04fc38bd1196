package org.nrmplatform.referralservice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.referralservice.knowncases.CaseState;
import org.nrmplatform.referralservice.knowncases.CaseStates;
import org.nrmplatform.referralservice.providers.ProviderDirectory;
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
 * referral-service over real HTTP against an in-memory embedded store, called with real signed tokens. What
 * case-service and identity-service would record (cases, consents, organisations) is appended to the shared
 * event store directly, as they would append it, and referral-service learns it from the stream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nrm.referral.deadlines.poll-interval=200ms",
        // steps taken at once, as an installation that holds none: HeldTransnationalReferralApiTest holds them
        "nrm.approvals.required="})
public abstract class ApiTest {

    public static final String POLICE = "0f6a3c1e-1111-4a2b-9c3d-000000000001";
    public static final String SOCIAL_WELFARE = "0f6a3c1e-2222-4a2b-9c3d-000000000002";
    public static final String SHELTER = UUID.nameUUIDFromBytes("test-org:shelter".getBytes()).toString();
    public static final String CLINIC = UUID.nameUUIDFromBytes("test-org:clinic".getBytes()).toString();
    public static final String OTHER_WELFARE = "0f6a3c1e-4444-4a2b-9c3d-000000000004";

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        EmbeddedStore.register(registry);
        TestTokens.register(registry);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected PersonalData personalData;
    @Autowired
    protected CaseStates caseStates;
    @Autowired
    protected ProviderDirectory providers;
    @Autowired
    protected EventProcessingConfiguration processing;

    private final Map<String, Long> sequences = new ConcurrentHashMap<>();
    protected ApiClient anonymous;
    protected ApiClient caseManager;
    protected ApiClient shelter;

    @BeforeEach
    void clientsAndProviders() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        caseManager = as(Role.CASE_MANAGER, SOCIAL_WELFARE);
        shelter = as(Role.SERVICE_PROVIDER, SHELTER);
        if (providers.find(CLINIC).isEmpty()) { // once per application context
            append("Organisation", SHELTER, new OrganisationRegistered(UUID.fromString(SHELTER), "Shelter Novi Sad",
                    "shelter", "RS", List.of("SAFE_ACCOMMODATION", "PSYCHOSOCIAL_SUPPORT", "MEDICAL_CARE")));
            append("Organisation", CLINIC, new OrganisationRegistered(UUID.fromString(CLINIC), "Clinical Centre",
                    "health", "RS", List.of("MEDICAL_CARE")));
            eventually(() -> providers.find(CLINIC).isPresent());
        }
    }

    protected ApiClient as(Role role, String organisationId) {
        return anonymous.as(TestTokens.get().forRole(role, organisationId));
    }

    /** Appends an event as the owning service would: the next in its aggregate's stream. */
    protected void append(String aggregateType, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 0L, (last, zero) -> last + 1);
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload));
    }

    /** A case opened by the police and taken on by the social welfare centre, as case-service records it. */
    protected UUID openedCase() {
        UUID caseId = UUID.randomUUID();
        append("Case", caseId.toString(), new CaseOpened(caseId, "LABOUR_INSPECTION",
                Instant.now().minus(1, ChronoUnit.DAYS), new ScreeningLocation("RS", "Novi Sad", null),
                new SealedDataSubject(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana"),
                        personalData.seal(caseId, PersonalField.FAMILY_NAME, "Petrović"), null, AgeCategory.ADULT,
                        "Feminine", List.of("AL")), POLICE));
        append("Case", caseId.toString(), new PresumedVictimFlagged(caseId,
                personalData.seal(caseId, PersonalField.PRESUMED_VICTIM_GROUNDS, "grounds"), SOCIAL_WELFARE));
        return caseId;
    }

    protected UUID consentTo(UUID caseId, String provider, List<String> purposes, List<String> serviceTypes) {
        UUID consentId = UUID.randomUUID();
        append("Case", caseId.toString(), new ConsentGiven(caseId, consentId, ConsentGiver.DATA_SUBJECT,
                purposes, serviceTypes, provider, null));
        return consentId;
    }

    protected void withdraw(UUID caseId, UUID consentId) {
        append("Case", caseId.toString(), new ConsentWithdrawn(caseId, consentId,
                personalData.seal(caseId, PersonalField.CONSENT_WITHDRAWAL_NOTE, "changed mind")));
    }

    protected void close(UUID caseId) {
        append("Case", caseId.toString(), new CaseClosed(caseId, "Other", null, CaseStage.PRESUMED_VICTIM));
    }

    /** A case referral-service knows with a consent to refer it to the shelter for safe accommodation. */
    protected UUID referableCase() {
        UUID caseId = openedCase();
        UUID consentId = consentTo(caseId, SHELTER, List.of("REFERRAL"), List.of("SAFE_ACCOMMODATION"));
        awaitCaseState(caseId, state -> state.consents().containsKey(consentId.toString()));
        return caseId;
    }

    /** Waits until referral-service's case states have caught up with what was appended. */
    protected void awaitCaseState(UUID caseId, Predicate<CaseState> caughtUp) {
        eventually(() -> caseStates.find(caseId).filter(caughtUp).isPresent());
    }

    protected static Map<String, Object> referral(UUID caseId, String provider, String serviceType, Instant respondBy) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId.toString());
        body.put("providerOrganisationId", provider);
        body.put("serviceType", serviceType);
        body.put("urgency", "URGENT");
        body.put("respondBy", respondBy.toString());
        body.put("note", "Needs a safe place tonight; speaks Albanian");
        return body;
    }

    protected ApiClient.Answer requestReferral(ApiClient client, UUID caseId, String provider, String serviceType,
                                               Instant respondBy) {
        return client.post("/api/referrals", referral(caseId, provider, serviceType, respondBy));
    }

    /** Requests a referral of a referable case to the shelter and waits until the views show it. */
    protected UUID requestedReferral(UUID caseId, Instant respondBy) {
        ApiClient.Answer answer = requestReferral(caseManager, caseId, SHELTER, "SAFE_ACCOMMODATION", respondBy);
        if (answer.status() != 201) {
            throw new AssertionError("referral refused: " + answer.status() + " " + answer.body());
        }
        UUID referralId = UUID.fromString(answer.body().get("referralId").asString());
        eventually(() -> caseManager.get("/api/referrals/" + referralId).status() == 200);
        return referralId;
    }

    /** Waits for a condition on eventually consistent views, as long as the processors keep moving. */
    protected void eventually(BooleanSupplier condition) {
        eventually(processing, condition);
    }

    /** Waits for a condition on the views of the instance whose processors these are, while they move. */
    public static void eventually(EventProcessingConfiguration processing, BooleanSupplier condition) {
        awaitProcessing(processing).until(condition::getAsBoolean);
    }

    /** Waits while referral-service's processors keep moving: for views to show what was just stored. */
    protected ConditionFactory awaitProcessing() {
        return awaitProcessing(processing);
    }

    private static ConditionFactory awaitProcessing(EventProcessingConfiguration processing) {
        return Progress.awaitWhileMoving("referral-service's event processors", Progress.processors(processing));
    }
}
