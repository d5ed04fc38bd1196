package org.nrmplatform.referralservice.standards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.providers.FindingRating;
import org.nrmplatform.contracts.providers.LicenceKind;
import org.nrmplatform.contracts.providers.ProviderEvents;
import org.nrmplatform.contracts.providers.ProviderEvents.CorrectiveActionDone;
import org.nrmplatform.contracts.providers.ProviderEvents.CorrectiveActionRaised;
import org.nrmplatform.contracts.providers.ProviderEvents.Finding;
import org.nrmplatform.contracts.providers.ProviderEvents.FundingRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceExpiryAlerted;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.MonitoringVisitRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.ServiceCapacityRecorded;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.FindingEntry;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RaiseCorrectiveAction;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordCorrectiveActionDone;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordFunding;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordLicence;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordMonitoringVisit;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordServiceCapacity;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.WarnOfLicenceExpiry;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;

/**
 * A provider's standards and capacity, command by command: each record is exactly its event, each refusal records
 * nothing and names the field; a licence's alert comes once per expiry and not for an expiry since renewed; a
 * corrective action follows a shortfall of a visit and is recorded done once.
 */
class ServiceProviderTest {

    private static final UUID SHELTER = UUID.fromString("0f6a3c1e-3333-4a2b-9c3d-000000000003");
    private static final String STREAM = ProviderEvents.streamOf(SHELTER);
    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");
    private static final UUID LICENCE = UUID.fromString("1c000000-0000-4000-8000-000000000001");
    private static final UUID VISIT = UUID.fromString("5a000000-0000-4000-8000-000000000001");
    private static final UUID ACTION = UUID.fromString("ac000000-0000-4000-8000-000000000001");
    private static final LocalDate EXPIRY = LocalDate.parse("2027-01-31");

    private FixtureConfiguration<ServiceProvider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceProvider.class);
        fixture.registerInjectableResource(new MinimumStandards());
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void theFirstRecordStartsTheProvidersStreamAndCapacityIsRecordedWhole() {
        fixture.givenNoPriorActivity()
                .when(new RecordServiceCapacity(STREAM, SHELTER, "SAFE_ACCOMMODATION", " Vojvodina ", 12, 7))
                .expectEvents(new ServiceCapacityRecorded(SHELTER, "SAFE_ACCOMMODATION", "Vojvodina", 12, 7))
                .expectResultMessagePayload(new ServiceProviderState(SHELTER, null, 0));
        fixture.givenNoPriorActivity()
                .when(new RecordServiceCapacity(STREAM, SHELTER, "SAFE_ACCOMMODATION", "Vojvodina", -1, 7))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "places"));
        fixture.givenNoPriorActivity()
                .when(new RecordServiceCapacity(STREAM, SHELTER, "SAFE_ACCOMMODATION", " ", 1, 1))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "region"));
    }

    @Test
    void aLicenceIsAlertedOncePerExpiryAndNotForAnExpirySinceRenewed() {
        LicenceRecorded recorded = licence(EXPIRY);
        fixture.givenNoPriorActivity()
                .when(new RecordLicence(STREAM, SHELTER, LICENCE, LicenceKind.LICENCE, "SOC-112/2024",
                        "Ministry of Labour", EXPIRY))
                .expectEvents(recorded);
        fixture.given(recorded)
                .when(new WarnOfLicenceExpiry(STREAM, LICENCE, EXPIRY))
                .expectEvents(new LicenceExpiryAlerted(SHELTER, LICENCE, EXPIRY));
        fixture.given(recorded, new LicenceExpiryAlerted(SHELTER, LICENCE, EXPIRY))
                .when(new WarnOfLicenceExpiry(STREAM, LICENCE, EXPIRY))
                .expectNoEvents();
        fixture.given(recorded, licence(EXPIRY.plusYears(3)))
                .when(new WarnOfLicenceExpiry(STREAM, LICENCE, EXPIRY))
                .expectNoEvents();
    }

    @Test
    void aVisitRecordsItsFindingsAgainstAVersionOfTheStandards() {
        fixture.givenNoPriorActivity()
                .when(new RecordMonitoringVisit(STREAM, SHELTER, VISIT, TODAY, null, List.of(
                        new FindingEntry("SAFE_PREMISES", FindingRating.MET, null),
                        new FindingEntry("INTERPRETATION", FindingRating.NOT_MET, " No interpreter budget "))))
                .expectEvents(visit());
        fixture.givenNoPriorActivity()
                .when(new RecordMonitoringVisit(STREAM, SHELTER, VISIT, TODAY, null, List.of(
                        new FindingEntry("NOT_AN_ITEM", FindingRating.MET, null))))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "findings"));
        fixture.givenNoPriorActivity()
                .when(new RecordMonitoringVisit(STREAM, SHELTER, VISIT, TODAY, 99, List.of(
                        new FindingEntry("SAFE_PREMISES", FindingRating.MET, null))))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "standardsVersion"));
        fixture.givenNoPriorActivity()
                .when(new RecordMonitoringVisit(STREAM, SHELTER, VISIT, TODAY.plusDays(1), null, List.of(
                        new FindingEntry("SAFE_PREMISES", FindingRating.MET, null))))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "visitedOn"));
        fixture.givenNoPriorActivity()
                .when(new RecordMonitoringVisit(STREAM, SHELTER, VISIT, TODAY, null, List.of(
                        new FindingEntry("SAFE_PREMISES", FindingRating.MET, null),
                        new FindingEntry("SAFE_PREMISES", FindingRating.NOT_MET, null))))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "findings"));
    }

    @Test
    void aCorrectiveActionFollowsAShortfallAndIsRecordedDoneOnce() {
        CorrectiveActionRaised raised = new CorrectiveActionRaised(SHELTER, ACTION, VISIT, "INTERPRETATION",
                "Contract an interpreters' service", TODAY.plusDays(30));
        fixture.given(visit())
                .when(new RaiseCorrectiveAction(STREAM, SHELTER, ACTION, VISIT, "INTERPRETATION",
                        "Contract an interpreters' service", TODAY.plusDays(30)))
                .expectEvents(raised);
        fixture.given(visit())
                .when(new RaiseCorrectiveAction(STREAM, SHELTER, ACTION, VISIT, "SAFE_PREMISES", "Nothing",
                        TODAY.plusDays(30)))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "item"));
        fixture.given(visit())
                .when(new RaiseCorrectiveAction(STREAM, SHELTER, ACTION, UUID.randomUUID(), "INTERPRETATION", "x",
                        TODAY.plusDays(30)))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "visitId"));
        fixture.given(visit())
                .when(new RaiseCorrectiveAction(STREAM, SHELTER, ACTION, VISIT, "INTERPRETATION", "x", TODAY))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "dueOn"));
        fixture.given(visit(), raised)
                .when(new RecordCorrectiveActionDone(STREAM, ACTION, "Contract signed"))
                .expectEvents(new CorrectiveActionDone(SHELTER, ACTION, "Contract signed"));
        fixture.given(visit(), raised, new CorrectiveActionDone(SHELTER, ACTION, null))
                .when(new RecordCorrectiveActionDone(STREAM, ACTION, "again"))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void fundingHasAnAmountACurrencyAPeriodAndAFunder() {
        UUID funding = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new RecordFunding(STREAM, SHELTER, funding, new BigDecimal("1500000.00"), "RSD",
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), "Ministry of Labour"))
                .expectEvents(new FundingRecorded(SHELTER, funding, new BigDecimal("1500000.00"), "RSD",
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), "Ministry of Labour"));
        fixture.givenNoPriorActivity()
                .when(new RecordFunding(STREAM, SHELTER, funding, BigDecimal.TEN, "XYZ",
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), "Ministry"))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "currency"));
        fixture.givenNoPriorActivity()
                .when(new RecordFunding(STREAM, SHELTER, funding, BigDecimal.TEN, "EUR",
                        LocalDate.parse("2026-12-31"), LocalDate.parse("2026-01-01"), "Ministry"))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "periodTo"));
    }

    private static LicenceRecorded licence(LocalDate expiresOn) {
        return new LicenceRecorded(SHELTER, LICENCE, LicenceKind.LICENCE, "SOC-112/2024", "Ministry of Labour",
                expiresOn);
    }

    private static MonitoringVisitRecorded visit() {
        return new MonitoringVisitRecorded(SHELTER, VISIT, TODAY, "minimum-service-standards", 1, List.of(
                new Finding("SAFE_PREMISES", FindingRating.MET, null),
                new Finding("INTERPRETATION", FindingRating.NOT_MET, "No interpreter budget")));
    }

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return Matchers.predicate(violation -> violation.kind() == kind && Objects.equals(violation.field(), field));
    }
}
