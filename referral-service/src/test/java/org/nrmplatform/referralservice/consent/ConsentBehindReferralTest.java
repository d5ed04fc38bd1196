package org.nrmplatform.referralservice.consent;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.referrals.CancellationReason;
import org.nrmplatform.referralservice.referrals.ReferralCommands.CancelReferral;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.referralservice.knowncases.CaseState;
import org.nrmplatform.referralservice.knowncases.CaseStates;

/** The consent-withdrawal process: which withdrawals cancel a referral, and which do not. */
class ConsentBehindReferralTest {

    private static final UUID REFERRAL_ID = UUID.fromString("7a000000-0000-4000-8000-000000000001");
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID CONSENT_ID = UUID.fromString("c1000000-0000-4000-8000-000000000001");
    private static final UUID OTHER_CONSENT_ID = UUID.fromString("c2000000-0000-4000-8000-000000000002");
    private static final String WELFARE = "0f6a3c1e-2222-4a2b-9c3d-000000000002";
    private static final String SHELTER = "0f6a3c1e-5555-4a2b-9c3d-000000000005";

    private static final ReferralRequested REQUESTED = new ReferralRequested(REFERRAL_ID, CASE_ID, WELFARE, SHELTER,
            "SAFE_ACCOMMODATION", Urgency.URGENT, Instant.parse("2030-01-01T00:00:00Z"), null, CONSENT_ID,
            AgeCategory.ADULT);
    private static final CancelReferral CANCEL = new CancelReferral(REFERRAL_ID, CancellationReason.CONSENT_WITHDRAWN,
            CONSENT_ID);

    private SagaTestFixture<ConsentBehindReferral> fixture;
    private CaseStates cases;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ConsentBehindReferral.class);
        cases = mock(CaseStates.class);
        fixture.registerResource(cases);
        knownConsents(Map.of(CONSENT_ID.toString(), consent(false)));
    }

    private void knownConsents(Map<String, CaseState.Consent> consents) {
        when(cases.find(CASE_ID)).thenReturn(Optional.of(new CaseState(CASE_ID.toString(), 5, false,
                AgeCategory.ADULT, WELFARE, WELFARE, consents)));
    }

    private static CaseState.Consent consent(boolean active) {
        return new CaseState.Consent(List.of("REFERRAL"), List.of(), SHELTER, active);
    }

    @Test
    void withdrawingTheConsentBehindARequestedReferralCancelsIt() {
        fixture.givenAggregate(REFERRAL_ID.toString()).published(REQUESTED)
                .whenAggregate(CASE_ID.toString()).publishes(new ConsentWithdrawn(CASE_ID, CONSENT_ID, null))
                .expectDispatchedCommands(CANCEL);
    }

    @Test
    void withdrawingTheConsentBehindAnAcceptedReferralCancelsItToo() {
        fixture.givenAggregate(REFERRAL_ID.toString())
                .published(REQUESTED, new ReferralAccepted(REFERRAL_ID, CASE_ID, SHELTER, null))
                .whenAggregate(CASE_ID.toString()).publishes(new ConsentWithdrawn(CASE_ID, CONSENT_ID, null))
                .expectDispatchedCommands(CANCEL);
    }

    @Test
    void withdrawingAnotherConsentOfTheCaseChangesNothing() {
        fixture.givenAggregate(REFERRAL_ID.toString()).published(REQUESTED)
                .whenAggregate(CASE_ID.toString()).publishes(new ConsentWithdrawn(CASE_ID, OTHER_CONSENT_ID, null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aReferralStillCoveredByAnotherActiveConsentGoesOn() {
        knownConsents(Map.of(CONSENT_ID.toString(), consent(true), OTHER_CONSENT_ID.toString(), consent(true)));
        fixture.givenAggregate(REFERRAL_ID.toString()).published(REQUESTED)
                .whenAggregate(CASE_ID.toString()).publishes(new ConsentWithdrawn(CASE_ID, CONSENT_ID, null))
                .expectNoDispatchedCommands();
    }

    @Test
    void aReplacementConsentWithdrawnLaterCancelsTheReferral() {
        knownConsents(Map.of(CONSENT_ID.toString(), consent(false), OTHER_CONSENT_ID.toString(), consent(true)));
        fixture.givenAggregate(REFERRAL_ID.toString()).published(REQUESTED)
                .andThenAggregate(CASE_ID.toString()).published(new ConsentWithdrawn(CASE_ID, CONSENT_ID, null))
                .whenAggregate(CASE_ID.toString()).publishes(new ConsentWithdrawn(CASE_ID, OTHER_CONSENT_ID, null))
                .expectDispatchedCommands(new CancelReferral(REFERRAL_ID, CancellationReason.CONSENT_WITHDRAWN,
                        OTHER_CONSENT_ID));
    }

    @Test
    void aReferralThatEndedIsNoLongerWatched() {
        fixture.givenAggregate(REFERRAL_ID.toString())
                .published(REQUESTED, new ReferralDeclined(REFERRAL_ID, CASE_ID, SHELTER, "NO_CAPACITY", null))
                .whenAggregate(CASE_ID.toString()).publishes(new ConsentWithdrawn(CASE_ID, CONSENT_ID, null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        fixture.givenAggregate(REFERRAL_ID.toString())
                .published(REQUESTED, new ReferralAccepted(REFERRAL_ID, CASE_ID, SHELTER, null))
                .whenAggregate(REFERRAL_ID.toString()).publishes(new ReferralCompleted(REFERRAL_ID, CASE_ID, SHELTER, null))
                .expectActiveSagas(0);
    }
}
