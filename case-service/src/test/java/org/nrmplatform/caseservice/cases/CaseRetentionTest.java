package org.nrmplatform.caseservice.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.cases.CaseCommands.EraseAtRetentionEnd;
import org.nrmplatform.caseservice.retention.CaseProceedings;
import org.nrmplatform.caseservice.retention.RetentionDue;
import org.nrmplatform.caseservice.retention.RetentionPeriods;
import org.nrmplatform.caseservice.retention.RetentionProperties;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisClosed;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.RetentionPeriodEnded;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.contracts.cases.RetentionRule;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.security.Actor;

/**
 * When a closed case's retention ends, outcome by outcome: the case computes it from its own closure and its
 * proceedings as its stream of legal bases holds them, refuses a day early, and on the day records which rule and
 * period ended and erases the subject on that rule. Periods as an installation may set them: not identified 5
 * years, identified 10, 1 year after proceedings.
 */
class CaseRetentionTest {

    private static final UUID CASE_ID = UUID.fromString("7a2d3b8f-1e5c-4d2f-8b64-3c9f8e0a1b22");
    private static final String ORGANISATION = "3b0c8a52-7f2e-4f39-8d3a-5c8f0e2a9b11";
    private static final String OTHER_ORGANISATION = "9d7e6f5a-1b2c-4d3e-8f4a-0b1c2d3e4f55";
    private static final Instant CLOSED_AT = Instant.parse("2026-03-10T15:00:00Z");
    private static final LocalDate CLOSED_ON = LocalDate.of(2026, 3, 10);
    private static final RetentionPeriods PERIODS = new RetentionPeriods(new RetentionProperties(Period.ofYears(5),
            Period.ofYears(10), Period.ofYears(1), LocalTime.of(2, 0), Duration.ofMinutes(1), Duration.ofMinutes(10)));
    /** The retention run's actor: a system of the organisation that answers for the case, with a case manager's right. */
    private static final Map<String, Object> RETENTION_RUN = new Actor(null, "nrm-retention", ORGANISATION, null, null,
            Set.of(Role.CASE_MANAGER)).toMetadata();

    /** A real event store, in memory, holding the case's legal bases beside the fixture's case. */
    private EmbeddedEventStore legalBases;

    @BeforeEach
    void store() {
        legalBases = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    private FixtureConfiguration<Case> caseOn(LocalDate today) {
        FixtureConfiguration<Case> fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(PERIODS);
        fixture.registerInjectableResource(new CaseProceedings(legalBases));
        fixture.registerInjectableResource(Clock.fixed(today.atTime(2, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        return fixture;
    }

    private ResultValidator<Case> eraseOn(LocalDate today, Object... history) {
        return caseOn(today).givenCurrentTime(CLOSED_AT).andGiven(history)
                .when(new EraseAtRetentionEnd(CASE_ID, null), RETENTION_RUN);
    }

    private static CaseOpened opened() {
        return new CaseOpened(CASE_ID, "LABOUR_INSPECTION", Instant.parse("2025-03-10T09:30:00Z"),
                new ScreeningLocation("RS", "Novi Sad", "Liman"),
                new SealedDataSubject(null, null, null, AgeCategory.ADULT, "Feminine", List.of("RS")), ORGANISATION);
    }

    private static PresumedVictimFlagged presumed() {
        return new PresumedVictimFlagged(CASE_ID, null, ORGANISATION);
    }

    private static IdentificationDecided decided(IdentificationOutcome outcome) {
        return new IdentificationDecided(CASE_ID, outcome, null, List.of("ForcedLabour"), List.of());
    }

    private static CaseClosed closedAs(CaseStage stage) {
        return new CaseClosed(CASE_ID, "ASSISTANCE_COMPLETED", null, stage);
    }

    private static Object[] erased(RetentionRule rule, Period period, LocalDate from, LocalDate dueOn) {
        RetentionDue due = new RetentionDue(rule, period, from, dueOn);
        return new Object[] {new RetentionPeriodEnded(CASE_ID, rule, period, dueOn),
                new SubjectErased(CASE_ID, due.toLegalBasis())};
    }

    private void proceedings(Object event, Instant at, long sequence) {
        legalBases.publish(new GenericDomainEventMessage<>("CaseLegalBases", AuditEvents.legalBasesOf(CASE_ID),
                sequence, event, MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
    }

    @Test
    void aCaseNotIdentifiedIsErasedFiveYearsAfterItsClosureAndNotADayBefore() {
        LocalDate dueOn = CLOSED_ON.plusYears(5);
        Object[] history = {opened(), presumed(), decided(IdentificationOutcome.NOT_IDENTIFIED),
                closedAs(CaseStage.NOT_IDENTIFIED)};
        eraseOn(dueOn.minusDays(1), history).expectNoEvents()
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "the retention of case " + CASE_ID + " (NOT_IDENTIFIED, P5Y from 2026-03-10) ends on 2031-03-10");
        eraseOn(dueOn, history).expectEvents(erased(RetentionRule.NOT_IDENTIFIED, Period.ofYears(5), CLOSED_ON, dueOn));
    }

    @Test
    void aCaseClosedBeforeAnyDecisionIsKeptAsOneNotIdentified() {
        eraseOn(CLOSED_ON.plusYears(5), opened(), closedAs(CaseStage.POTENTIAL_VICTIM))
                .expectEvents(erased(RetentionRule.NOT_IDENTIFIED, Period.ofYears(5), CLOSED_ON, CLOSED_ON.plusYears(5)));
    }

    @Test
    void anIdentifiedVictimsCaseIsKeptTenYearsAfterItsClosure() {
        Object[] history = {opened(), presumed(), decided(IdentificationOutcome.IDENTIFIED),
                closedAs(CaseStage.IDENTIFIED_VICTIM)};
        eraseOn(CLOSED_ON.plusYears(10).minusDays(1), history).expectNoEvents()
                .expectException(RuleViolation.class);
        eraseOn(CLOSED_ON.plusYears(10), history)
                .expectEvents(erased(RetentionRule.IDENTIFIED, Period.ofYears(10), CLOSED_ON, CLOSED_ON.plusYears(10)));
    }

    @Test
    void anOpenCaseIsNeverDue() {
        eraseOn(CLOSED_ON.plusYears(50), opened(), presumed()).expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("case " + CASE_ID + " is open: an open case is never due for erasure");
    }

    @Test
    void aCaseUnderOpenProceedingsIsKeptUntilTheyEnd() {
        UUID legalBasisId = UUID.randomUUID();
        proceedings(new LegalBasisRecorded(CASE_ID, legalBasisId, new LegalBasis("K-12/2026", "Higher Prosecutor")),
                CLOSED_AT.plus(Duration.ofDays(30)), 0);
        eraseOn(CLOSED_ON.plusYears(30), opened(), closedAs(CaseStage.POTENTIAL_VICTIM)).expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("case " + CASE_ID + " has open proceedings: it is kept until they end");
    }

    @Test
    void proceedingsThatEndAfterTheOutcomesPeriodKeepTheCaseOneYearMore() {
        UUID legalBasisId = UUID.randomUUID();
        LocalDate ended = CLOSED_ON.plusYears(6);
        proceedings(new LegalBasisRecorded(CASE_ID, legalBasisId, new LegalBasis("K-12/2026", "Higher Prosecutor")),
                CLOSED_AT.plus(Duration.ofDays(30)), 0);
        proceedings(new LegalBasisClosed(CASE_ID, legalBasisId), ended.atTime(11, 0).toInstant(ZoneOffset.UTC), 1);
        Object[] history = {opened(), closedAs(CaseStage.POTENTIAL_VICTIM)};
        eraseOn(ended.plusYears(1).minusDays(1), history).expectNoEvents().expectException(RuleViolation.class);
        eraseOn(ended.plusYears(1), history)
                .expectEvents(erased(RetentionRule.PROCEEDINGS, Period.ofYears(1), ended, ended.plusYears(1)));
    }

    @Test
    void proceedingsThatEndedEarlyDoNotShortenTheOutcomesPeriod() {
        UUID legalBasisId = UUID.randomUUID();
        proceedings(new LegalBasisRecorded(CASE_ID, legalBasisId, new LegalBasis("K-12/2026", "Higher Prosecutor")),
                CLOSED_AT.minus(Duration.ofDays(30)), 0);
        proceedings(new LegalBasisClosed(CASE_ID, legalBasisId), CLOSED_AT.minus(Duration.ofDays(1)), 1);
        eraseOn(CLOSED_ON.plusYears(5), opened(), closedAs(CaseStage.NOT_IDENTIFIED))
                .expectEvents(erased(RetentionRule.NOT_IDENTIFIED, Period.ofYears(5), CLOSED_ON, CLOSED_ON.plusYears(5)));
    }

    @Test
    void aSubjectErasedBeforeIsNotErasedAgain() {
        eraseOn(CLOSED_ON.plusYears(5), opened(), closedAs(CaseStage.POTENTIAL_VICTIM),
                new SubjectErased(CASE_ID, new LegalBasis("GDPR Art. 17", "the data subject")))
                .expectNoEvents().expectException(RuleViolation.class);
    }

    @Test
    void theRunErasesOnlyForAnOrganisationThatAnswersForTheCase() {
        caseOn(CLOSED_ON.plusYears(5)).givenCurrentTime(CLOSED_AT).andGiven(opened(), closedAs(CaseStage.POTENTIAL_VICTIM))
                .when(new EraseAtRetentionEnd(CASE_ID, null), new Actor(null, "nrm-retention", OTHER_ORGANISATION,
                        null, null, Set.of(Role.CASE_MANAGER)).toMetadata())
                .expectNoEvents().expectException(AggregateNotFoundException.class);
    }

    @Test
    void checkedBeforeItIsHeldForApprovalItRecordsNothing() {
        caseOn(CLOSED_ON.plusYears(5)).givenCurrentTime(CLOSED_AT).andGiven(opened(), closedAs(CaseStage.POTENTIAL_VICTIM))
                .when(new EraseAtRetentionEnd(CASE_ID, null), withCheckOnly())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void theLegalBasisNamesTheRuleThePeriodAndWhenItEnded() {
        LegalBasis basis = new RetentionDue(RetentionRule.IDENTIFIED, Period.ofYears(10), CLOSED_ON,
                CLOSED_ON.plusYears(10)).toLegalBasis();
        assertThat(basis.reference()).isEqualTo(
                "retention rule IDENTIFIED: kept P10Y after closure on 2026-03-10, ended on 2036-03-10");
        assertThat(basis.requestedBy()).isEqualTo(RetentionDue.REQUESTED_BY);
    }

    private static Map<String, Object> withCheckOnly() {
        Map<String, Object> metaData = new java.util.HashMap<>(RETENTION_RUN);
        metaData.put(CaseCommands.CHECK_ONLY, true);
        return metaData;
    }
}
