package org.nrmplatform.referralservice.referrals;

import static org.hamcrest.Matchers.containsString;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.contracts.referrals.CancellationReason;
import org.nrmplatform.referralservice.referrals.ReferralCommands.AcceptReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.CancelReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.CompleteReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.DeclineReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.EscalateReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.RecordAssistanceStep;
import org.nrmplatform.referralservice.referrals.ReferralCommands.RequestReferral;
import org.nrmplatform.referralservice.referrals.ReferralCommands.WithdrawReferral;
import org.nrmplatform.contracts.referrals.ReferralEvents.AssistanceStepRecorded;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralEscalated;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlannedServiceReferralRequested;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * The referral aggregate, command by command: every transition records exactly its event; every refusal
 * records nothing and says why; only the provider answers and only the referring organisation withdraws.
 */
class ReferralTest {

    private static final UUID REFERRAL_ID = UUID.fromString("7a000000-0000-4000-8000-000000000001");
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID CONSENT_ID = UUID.fromString("c1000000-0000-4000-8000-000000000001");
    private static final UUID STEP_ID = UUID.fromString("5e000000-0000-4000-8000-000000000001");
    private static final String WELFARE = "0f6a3c1e-2222-4a2b-9c3d-000000000002";
    private static final String SHELTER = "0f6a3c1e-5555-4a2b-9c3d-000000000005";
    private static final String OTHER_SHELTER = "0f6a3c1e-6666-4a2b-9c3d-000000000006";
    private static final Instant RESPOND_BY = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant DELIVERED_AT = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static final Map<String, Object> SHELTER_STAFF = actor(SHELTER, Role.SERVICE_PROVIDER);
    private static final Map<String, Object> CASE_MANAGER = actor(WELFARE, Role.CASE_MANAGER);

    /** Seals with a fixed nonce, so that expected events compare equal; never outside tests. */
    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private static final ReferralRequested REQUESTED = new ReferralRequested(REFERRAL_ID, CASE_ID, WELFARE, SHELTER,
            "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY,
            seal(PersonalField.REFERRAL_NOTE, "Needs a room tonight"), CONSENT_ID, AgeCategory.ADULT);
    private static final ReferralAccepted ACCEPTED = new ReferralAccepted(REFERRAL_ID, CASE_ID, SHELTER, null);

    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Referral.class);
        fixture.registerInjectableResource(CodeLists.load());
        fixture.registerInjectableResource(PERSONAL_DATA);
        fixture.registerInjectableResource(Clock.systemUTC());
    }

    private static Sealed seal(PersonalField field, String clear) {
        return PERSONAL_DATA.seal(CASE_ID, field, clear);
    }

    private static Map<String, Object> actor(String organisationId, Role... roles) {
        return new Actor(UUID.randomUUID().toString(), "test-client", organisationId, "test", "RS", Set.of(roles))
                .toMetadata();
    }

    private static RequestReferral request(String serviceType, Instant respondBy) {
        return new RequestReferral(REFERRAL_ID, CASE_ID, WELFARE, SHELTER, serviceType, Urgency.URGENT, respondBy,
                "Needs a room tonight", CONSENT_ID, AgeCategory.ADULT, null);
    }

    @Test
    void aRequestRecordsTheReferral() {
        fixture.givenNoPriorActivity()
                .when(request("SAFE_ACCOMMODATION", RESPOND_BY), CASE_MANAGER)
                .expectEvents(REQUESTED);
    }

    @Test
    void aReferralMadeOfAPlannedServiceSaysWhichForThePlan() {
        UUID serviceId = UUID.fromString("5e000000-0000-4000-8000-0000000000a1");
        fixture.givenNoPriorActivity()
                .when(new RequestReferral(REFERRAL_ID, CASE_ID, WELFARE, SHELTER, "SAFE_ACCOMMODATION", Urgency.URGENT,
                        RESPOND_BY, "Needs a room tonight", CONSENT_ID, AgeCategory.ADULT, serviceId), CASE_MANAGER)
                .expectEvents(REQUESTED, new PlannedServiceReferralRequested(REFERRAL_ID, CASE_ID, serviceId, SHELTER,
                        "SAFE_ACCOMMODATION"));
    }

    @Test
    void aRequestForAServiceOutsideTheCodeListIsRefused() {
        fixture.givenNoPriorActivity()
                .when(request("SPA_WEEKEND", RESPOND_BY), CASE_MANAGER)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("unknown service-type"))
                .expectNoEvents();
    }

    @Test
    void aRespondByInThePastIsRefused() {
        fixture.givenNoPriorActivity()
                .when(request("SAFE_ACCOMMODATION", Instant.now().minusSeconds(60)), CASE_MANAGER)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("respond-by"))
                .expectNoEvents();
    }

    /** "In the future" is the service's clock's, not the machine's: the clock the handler is given decides. */
    @Test
    void theRespondByIsJudgedByTheServicesClock() {
        fixture = new AggregateTestFixture<>(Referral.class);
        fixture.registerInjectableResource(CodeLists.load());
        fixture.registerInjectableResource(PERSONAL_DATA);
        fixture.registerInjectableResource(Clock.fixed(RESPOND_BY.plusSeconds(1), ZoneOffset.UTC));
        fixture.givenNoPriorActivity()
                .when(request("SAFE_ACCOMMODATION", RESPOND_BY), CASE_MANAGER)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("respond-by"))
                .expectNoEvents();
    }

    @Test
    void theProviderAccepts() {
        fixture.given(REQUESTED)
                .when(new AcceptReferral(REFERRAL_ID, "Room ready"), SHELTER_STAFF)
                .expectEvents(new ReferralAccepted(REFERRAL_ID, CASE_ID, SHELTER,
                        seal(PersonalField.ACCEPTANCE_NOTE, "Room ready")));
    }

    @Test
    void anotherProviderCannotSeeTheReferral() {
        fixture.given(REQUESTED)
                .when(new AcceptReferral(REFERRAL_ID, null), actor(OTHER_SHELTER, Role.SERVICE_PROVIDER))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theReferringCaseManagerCannotAnswerForTheProvider() {
        fixture.given(REQUESTED)
                .when(new AcceptReferral(REFERRAL_ID, null), CASE_MANAGER)
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void acceptingTwiceIsRefused() {
        fixture.given(REQUESTED, ACCEPTED)
                .when(new AcceptReferral(REFERRAL_ID, null), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("this one is ACCEPTED"))
                .expectNoEvents();
    }

    @Test
    void theProviderDeclinesWithAReasonFromTheCodeList() {
        fixture.given(REQUESTED)
                .when(new DeclineReferral(REFERRAL_ID, "NO_CAPACITY", "Full until March"), SHELTER_STAFF)
                .expectEvents(new ReferralDeclined(REFERRAL_ID, CASE_ID, SHELTER, "NO_CAPACITY",
                        seal(PersonalField.DECLINE_NOTE, "Full until March")));
    }

    @Test
    void aDeclineReasonOutsideTheCodeListIsRefused() {
        fixture.given(REQUESTED)
                .when(new DeclineReferral(REFERRAL_ID, "BUSY", null), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("decline-reason"))
                .expectNoEvents();
    }

    @Test
    void anAcceptedReferralCannotBeDeclined() {
        fixture.given(REQUESTED, ACCEPTED)
                .when(new DeclineReferral(REFERRAL_ID, "NO_CAPACITY", null), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theReferringOrganisationWithdrawsARequestedOrAcceptedReferral() {
        fixture.given(REQUESTED)
                .when(new WithdrawReferral(REFERRAL_ID, "Moved to another city"), CASE_MANAGER)
                .expectEvents(new ReferralWithdrawn(REFERRAL_ID, CASE_ID, SHELTER,
                        seal(PersonalField.WITHDRAWAL_REASON, "Moved to another city")));
        fixture.given(REQUESTED, ACCEPTED)
                .when(new WithdrawReferral(REFERRAL_ID, "Moved to another city"), CASE_MANAGER)
                .expectEvents(new ReferralWithdrawn(REFERRAL_ID, CASE_ID, SHELTER,
                        seal(PersonalField.WITHDRAWAL_REASON, "Moved to another city")));
    }

    @Test
    void theProviderCannotWithdraw() {
        fixture.given(REQUESTED)
                .when(new WithdrawReferral(REFERRAL_ID, "No"), SHELTER_STAFF)
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aDeclinedReferralCannotBeWithdrawn() {
        fixture.given(REQUESTED, new ReferralDeclined(REFERRAL_ID, CASE_ID, SHELTER, "NO_CAPACITY", null))
                .when(new WithdrawReferral(REFERRAL_ID, "No"), CASE_MANAGER)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theProviderRecordsAnAssistanceStepOnAnAcceptedReferral() {
        fixture.given(REQUESTED, ACCEPTED)
                .when(new RecordAssistanceStep(REFERRAL_ID, STEP_ID, "SAFE_ACCOMMODATION", DELIVERED_AT,
                        "Night team", "Admitted"), SHELTER_STAFF)
                .expectEvents(new AssistanceStepRecorded(REFERRAL_ID, CASE_ID, SHELTER, STEP_ID, "SAFE_ACCOMMODATION",
                        DELIVERED_AT, seal(PersonalField.STEP_DELIVERED_BY, "Night team"),
                        seal(PersonalField.STEP_OUTCOME, "Admitted")));
    }

    @Test
    void stepsOnADeclinedReferralAreRefused() {
        fixture.given(REQUESTED, new ReferralDeclined(REFERRAL_ID, CASE_ID, SHELTER, "NO_CAPACITY", null))
                .when(new RecordAssistanceStep(REFERRAL_ID, STEP_ID, "SAFE_ACCOMMODATION", DELIVERED_AT,
                        "Night team", "Admitted"), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("this one is DECLINED"))
                .expectNoEvents();
    }

    @Test
    void stepsBeforeAcceptanceAreRefused() {
        fixture.given(REQUESTED)
                .when(new RecordAssistanceStep(REFERRAL_ID, STEP_ID, "SAFE_ACCOMMODATION", DELIVERED_AT,
                        "Night team", "Admitted"), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aStepInTheFutureOrRecordedTwiceIsRefused() {
        fixture.given(REQUESTED, ACCEPTED)
                .when(new RecordAssistanceStep(REFERRAL_ID, STEP_ID, "SAFE_ACCOMMODATION",
                        Instant.now().plusSeconds(3600), "Night team", "Admitted"), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(REQUESTED, ACCEPTED, new AssistanceStepRecorded(REFERRAL_ID, CASE_ID, SHELTER, STEP_ID,
                        "SAFE_ACCOMMODATION", DELIVERED_AT, seal(PersonalField.STEP_DELIVERED_BY, "Night team"),
                        seal(PersonalField.STEP_OUTCOME, "Admitted")))
                .when(new RecordAssistanceStep(REFERRAL_ID, STEP_ID, "SAFE_ACCOMMODATION", DELIVERED_AT,
                        "Night team", "Admitted"), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theProviderCompletesAnAcceptedReferral() {
        fixture.given(REQUESTED, ACCEPTED)
                .when(new CompleteReferral(REFERRAL_ID, "Moved to independent housing"), SHELTER_STAFF)
                .expectEvents(new ReferralCompleted(REFERRAL_ID, CASE_ID, SHELTER,
                        seal(PersonalField.COMPLETION_OUTCOME, "Moved to independent housing")));
    }

    @Test
    void aRequestedReferralCannotBeCompleted() {
        fixture.given(REQUESTED)
                .when(new CompleteReferral(REFERRAL_ID, null), SHELTER_STAFF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void withdrawnConsentCancelsAnActiveReferralAndNothingElse() {
        CancelReferral cancel = new CancelReferral(REFERRAL_ID, CancellationReason.CONSENT_WITHDRAWN, CONSENT_ID);
        ReferralCancelled cancelled = new ReferralCancelled(REFERRAL_ID, CASE_ID, SHELTER,
                CancellationReason.CONSENT_WITHDRAWN, CONSENT_ID);
        fixture.given(REQUESTED).when(cancel).expectEvents(cancelled);
        fixture.given(REQUESTED, ACCEPTED).when(cancel).expectEvents(cancelled);
        fixture.given(REQUESTED, ACCEPTED, new ReferralCompleted(REFERRAL_ID, CASE_ID, SHELTER, null))
                .when(cancel).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anUnansweredReferralIsEscalatedOnce() {
        ReferralEscalated escalated = new ReferralEscalated(REFERRAL_ID, CASE_ID, WELFARE, SHELTER, RESPOND_BY);
        fixture.given(REQUESTED).when(new EscalateReferral(REFERRAL_ID)).expectEvents(escalated);
        fixture.given(REQUESTED, escalated).when(new EscalateReferral(REFERRAL_ID))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anAnsweredReferralIsNotEscalated() {
        fixture.given(REQUESTED, ACCEPTED).when(new EscalateReferral(REFERRAL_ID))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(REQUESTED, new ReferralWithdrawn(REFERRAL_ID, CASE_ID, SHELTER, seal(PersonalField.WITHDRAWAL_REASON, "x")))
                .when(new EscalateReferral(REFERRAL_ID)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anEscalatedReferralCanStillBeAnswered() {
        fixture.given(REQUESTED, new ReferralEscalated(REFERRAL_ID, CASE_ID, WELFARE, SHELTER, RESPOND_BY))
                .when(new AcceptReferral(REFERRAL_ID, null), SHELTER_STAFF)
                .expectEvents(ACCEPTED);
    }
}
