package org.nrmplatform.referralservice.tasks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskAssigned;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskCancelled;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskDone;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskEscalated;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskReminded;
import org.nrmplatform.referralservice.tasks.TaskCommands.AssignTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.CancelTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.EscalateTask;
import org.nrmplatform.referralservice.tasks.TaskCommands.RecordTaskDone;
import org.nrmplatform.referralservice.tasks.TaskCommands.RemindTask;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;

/**
 * The task aggregate, command by command: every transition records exactly its event, every refusal records
 * nothing and says why; only the owing organisation (in the role named) records it done, only the assigning one
 * cancels it; the scheduler's reminder and escalation act once and never on an ended task.
 */
class TaskTest {

    private static final UUID TASK_ID = UUID.fromString("7a5c0000-0000-4000-8000-000000000001");
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final String WELFARE = "0f6a3c1e-2222-4a2b-9c3d-000000000002";
    private static final String HEALTH = "0f6a3c1e-8888-4a2b-9c3d-000000000008";
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant DUE = NOW.plus(3, ChronoUnit.DAYS);
    private static final Instant REMIND = NOW.plus(2, ChronoUnit.DAYS);
    private static final String WHAT = "Arrange a medical check-up and report fitness to travel";

    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private FixtureConfiguration<Task> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Task.class);
        fixture.registerInjectableResource(PERSONAL_DATA);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anAssignmentRecordsTheTaskWithItsDescriptionSealed() {
        fixture.givenNoPriorActivity()
                .when(assign("case-manager", DUE, REMIND), actor(WELFARE, Role.CASE_MANAGER))
                .expectEvents(assigned("case-manager", REMIND));
    }

    @Test
    void aTaskIsDueInTheFutureAndItsReminderBeforeIt() {
        fixture.givenNoPriorActivity()
                .when(assign(null, NOW.minusSeconds(60), null), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "dueAt"));
        fixture.givenNoPriorActivity()
                .when(assign(null, DUE, DUE.plusSeconds(1)), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "remindAt"));
        fixture.givenNoPriorActivity()
                .when(new AssignTask(TASK_ID, CASE_ID, WELFARE, HEALTH, null, null, " ", DUE, null, null),
                        actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "description"));
    }

    @Test
    void theOwingOrganisationRecordsItDoneWithAReason() {
        fixture.given(assigned(null, null))
                .when(new RecordTaskDone(TASK_ID, "Fit to travel; certificate sent"),
                        actor(HEALTH, Role.SERVICE_PROVIDER))
                .expectEvents(new TaskDone(TASK_ID, CASE_ID, HEALTH,
                        seal(PersonalField.TASK_DONE_REASON, "Fit to travel; certificate sent")))
                .expectResultMessagePayload(new TaskState(TASK_ID, TaskStatus.DONE, 1));
    }

    @Test
    void aTaskForARoleIsDoneOnlyByThatRole() {
        fixture.given(assigned("case-manager", null))
                .when(new RecordTaskDone(TASK_ID, "done"), actor(HEALTH, Role.SERVICE_PROVIDER))
                .expectNoEvents().expectException(AggregateNotFoundException.class);
        fixture.given(assigned("case-manager", null))
                .when(new RecordTaskDone(TASK_ID, "done"), actor(HEALTH, Role.CASE_MANAGER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aConferencesActionItemMadeAfterItsDueDateIsStillMadeAndReferToItsConference() {
        UUID conference = UUID.randomUUID();
        Instant past = NOW.minus(1, ChronoUnit.DAYS);
        fixture.givenNoPriorActivity()
                .when(new AssignTask(TASK_ID, CASE_ID, WELFARE, HEALTH, null, null, WHAT, past, null, conference),
                        actor(WELFARE, Role.CASE_MANAGER))
                .expectEvents(new TaskAssigned(TASK_ID, CASE_ID, WELFARE, HEALTH, null,
                        seal(PersonalField.TASK_DESCRIPTION, WHAT), past, null, null, conference));
    }

    @Test
    void aTaskForAPersonIsDoneOnlyByThatPerson() {
        String person = UUID.randomUUID().toString();
        TaskAssigned forThePerson = new TaskAssigned(TASK_ID, CASE_ID, WELFARE, WELFARE, null,
                seal(PersonalField.TASK_DESCRIPTION, WHAT), DUE, null, person, null);
        fixture.given(forThePerson)
                .when(new RecordTaskDone(TASK_ID, "done"), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(AggregateNotFoundException.class);
        fixture.given(forThePerson)
                .when(new RecordTaskDone(TASK_ID, "done"), new Actor(person, "nrm-web", WELFARE, "test", "RS",
                        Set.of(Role.CASE_MANAGER)).toMetadata())
                .expectEvents(new TaskDone(TASK_ID, CASE_ID, WELFARE, seal(PersonalField.TASK_DONE_REASON, "done")));
    }

    @Test
    void anotherOrganisationDoesNotFindTheTask() {
        fixture.given(assigned(null, null))
                .when(new RecordTaskDone(TASK_ID, "done"), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(AggregateNotFoundException.class);
        fixture.given(assigned(null, null))
                .when(new CancelTask(TASK_ID, "no longer needed"), actor("0f6a3c1e-4444-4a2b-9c3d-000000000004",
                        Role.CASE_MANAGER))
                .expectNoEvents().expectException(AggregateNotFoundException.class);
    }

    @Test
    void doneAndCancelledNeedAReason() {
        fixture.given(assigned(null, null))
                .when(new RecordTaskDone(TASK_ID, null), actor(HEALTH, Role.SERVICE_PROVIDER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "reason"));
        fixture.given(assigned(null, null))
                .when(new CancelTask(TASK_ID, ""), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "reason"));
    }

    @Test
    void theAssigningOrganisationCancelsItAndTheOwingOneCannot() {
        fixture.given(assigned(null, null))
                .when(new CancelTask(TASK_ID, "The person left the country"), actor(WELFARE, Role.CASE_MANAGER))
                .expectEvents(new TaskCancelled(TASK_ID, CASE_ID, HEALTH,
                        seal(PersonalField.TASK_CANCELLATION_REASON, "The person left the country")));
        fixture.given(assigned(null, null))
                .when(new CancelTask(TASK_ID, "too busy"), actor(HEALTH, Role.SERVICE_PROVIDER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, null));
    }

    @Test
    void anEndedTaskIsNotEndedAgain() {
        TaskDone done = new TaskDone(TASK_ID, CASE_ID, HEALTH, null);
        fixture.given(assigned(null, null), done)
                .when(new RecordTaskDone(TASK_ID, "again"), actor(HEALTH, Role.SERVICE_PROVIDER))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(assigned(null, null), done)
                .when(new CancelTask(TASK_ID, "late"), actor(WELFARE, Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    @Test
    void theSchedulerRemindsAndEscalatesAnOpenTaskOnce() {
        fixture.given(assigned(null, REMIND))
                .when(new RemindTask(TASK_ID))
                .expectEvents(new TaskReminded(TASK_ID, CASE_ID, HEALTH, DUE));
        fixture.given(assigned(null, REMIND), new TaskReminded(TASK_ID, CASE_ID, HEALTH, DUE))
                .when(new RemindTask(TASK_ID))
                .expectNoEvents();
        fixture.given(assigned(null, REMIND))
                .when(new EscalateTask(TASK_ID))
                .expectEvents(new TaskEscalated(TASK_ID, CASE_ID, WELFARE, HEALTH, DUE));
        fixture.given(assigned(null, REMIND), new TaskEscalated(TASK_ID, CASE_ID, WELFARE, HEALTH, DUE))
                .when(new EscalateTask(TASK_ID))
                .expectNoEvents();
    }

    @Test
    void anEndedTaskIsNeitherRemindedNorEscalated() {
        fixture.given(assigned(null, REMIND), new TaskCancelled(TASK_ID, CASE_ID, HEALTH, null))
                .when(new EscalateTask(TASK_ID))
                .expectNoEvents();
        fixture.given(assigned(null, REMIND), new TaskDone(TASK_ID, CASE_ID, HEALTH, null))
                .when(new RemindTask(TASK_ID))
                .expectNoEvents();
    }

    private static AssignTask assign(String role, Instant dueAt, Instant remindAt) {
        return new AssignTask(TASK_ID, CASE_ID, WELFARE, HEALTH, role, null, WHAT, dueAt, remindAt, null);
    }

    private static TaskAssigned assigned(String role, Instant remindAt) {
        return new TaskAssigned(TASK_ID, CASE_ID, WELFARE, HEALTH, role, seal(PersonalField.TASK_DESCRIPTION, WHAT),
                DUE, remindAt, null, null);
    }

    private static Sealed seal(PersonalField field, String clear) {
        return PERSONAL_DATA.seal(CASE_ID, field, clear);
    }

    private static Map<String, Object> actor(String organisationId, Role... roles) {
        return new Actor(UUID.randomUUID().toString(), "test-client", organisationId, "test", "RS", Set.of(roles))
                .toMetadata();
    }

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return Matchers.predicate(violation -> violation.kind() == kind && Objects.equals(violation.field(), field));
    }
}
