package org.nrmplatform.caseservice.approvals;

import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.ApprovalDecided;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.GrantApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RecordRefusalElsewhere;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RejectApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.RequestApproval;
import org.nrmplatform.caseservice.approvals.ApprovalCommands.WithdrawApproval;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalGranted;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRejected;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRequested;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalWithdrawn;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovedActionRefused;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;

/**
 * The approval's rules: who may decide (an approver of the requesting organisation, a person, not the requester),
 * once; a rejection says why; a request whose personal data was erased meanwhile is refused when approved. That an
 * approved step is carried out by the case's rules is shown over HTTP (ApprovalApiTest), where the case is real.
 */
class ApprovalTest {

    private static final String CENTRE = "0f6a3c1e-2222-4a2b-9c3d-000000000002";
    private static final UUID APPROVAL_ID = UUID.fromString("a9000000-0000-4000-8000-000000000001");
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final String CLOSURE = "{\"caseId\":\"" + CASE_ID + "\",\"reason\":\"REINTEGRATED\"}";
    private static final Map<String, Object> REQUESTER = person("user-1", CENTRE, Role.CASE_MANAGER, Role.APPROVER);
    private static final Map<String, Object> APPROVER = person("user-2", CENTRE, Role.APPROVER);

    private InMemorySubjectKeys keys;
    private PersonalData personalData;
    private FixtureConfiguration<Approval> fixture;

    @BeforeEach
    void setUp() {
        keys = new InMemorySubjectKeys();
        // a fixed nonce: the events a command records can be compared with the expected ones
        personalData = new PersonalData(keys, () -> new byte[12]);
        fixture = new AggregateTestFixture<>(Approval.class);
        fixture.registerInjectableResource(personalData);
        fixture.registerInjectableResource(new HeldSteps(new DefaultCommandGateway.Builder()
                .commandBus(fixture.getCommandBus()).build()));
    }

    private static Map<String, Object> person(String userId, String organisationId, Role... roles) {
        return new Actor(userId, "nrm-web", organisationId, "social-welfare", "RS", Set.of(roles)).toMetadata();
    }

    private GenericDomainEventMessage<ApprovalRequested> requested() {
        return new GenericDomainEventMessage<>("Approval", APPROVAL_ID.toString(), 0,
                new ApprovalRequested(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                        personalData.seal(CASE_ID, PersonalField.APPROVAL_REQUEST, CLOSURE), CENTRE))
                .andMetaData(REQUESTER);
    }

    @Test
    void aRequestIsRecordedSealedForTheRequestersOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new RequestApproval(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE, CLOSURE), REQUESTER)
                .expectEvents(new ApprovalRequested(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                        personalData.seal(CASE_ID, PersonalField.APPROVAL_REQUEST, CLOSURE), CENTRE));
    }

    @Test
    void nobodyApprovesTheirOwnRequest() {
        fixture.given(requested())
                .when(new GrantApproval(APPROVAL_ID), REQUESTER)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("you requested this step yourself"));
    }

    @Test
    void anApiClientNeverApproves() {
        Map<String, Object> system = new Actor(null, "centre-system", CENTRE, "social-welfare", "RS",
                Set.of(Role.APPROVER)).toMetadata();
        fixture.given(requested())
                .when(new GrantApproval(APPROVAL_ID), system)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("never by an API client"));
    }

    @Test
    void anotherOrganisationsApproverOrSomeoneWithoutTheRoleFindsNoSuchApproval() {
        fixture.given(requested())
                .when(new GrantApproval(APPROVAL_ID), person("user-3", "another-centre", Role.APPROVER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
        fixture.given(requested())
                .when(new RejectApproval(APPROVAL_ID, "no"), person("user-3", CENTRE, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aRejectionSaysWhyAndIsFinal() {
        fixture.given(requested())
                .when(new RejectApproval(APPROVAL_ID, " "), APPROVER)
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(requested())
                .when(new RejectApproval(APPROVAL_ID, "the reason does not fit"), APPROVER)
                .expectEvents(new ApprovalRejected(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                        personalData.seal(CASE_ID, PersonalField.APPROVAL_REJECTION_REASON, "the reason does not fit")))
                .expectResultMessagePayload(new ApprovalDecided(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                        ApprovalStatus.REJECTED, null));
        fixture.given(requested(), new ApprovalRejected(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE, null))
                .when(new GrantApproval(APPROVAL_ID), APPROVER)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("decided already: REJECTED"));
    }

    @Test
    void onlyTheRequesterWithdrawsAndOnlyWhileNobodyDecided() {
        fixture.given(requested())
                .when(new WithdrawApproval(APPROVAL_ID), APPROVER)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("only who requested this step withdraws it"));
        fixture.given(requested())
                .when(new WithdrawApproval(APPROVAL_ID), person("user-1", "another-centre", Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
        fixture.given(requested())
                .when(new WithdrawApproval(APPROVAL_ID), REQUESTER)
                .expectEvents(new ApprovalWithdrawn(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE))
                .expectResultMessagePayload(new ApprovalDecided(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                        ApprovalStatus.WITHDRAWN, null));
        fixture.given(requested(), new ApprovalWithdrawn(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE))
                .when(new GrantApproval(APPROVAL_ID), APPROVER)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("decided already: WITHDRAWN"));
        fixture.given(requested(), new ApprovalGranted(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE))
                .when(new WithdrawApproval(APPROVAL_ID), REQUESTER)
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void anApiClientsRequestIsWithdrawnByThatClientOnly() {
        Map<String, Object> system = new Actor(null, "centre-system", CENTRE, "social-welfare", "RS",
                Set.of(Role.CASE_MANAGER)).toMetadata();
        GenericDomainEventMessage<ApprovalRequested> bySystem = new GenericDomainEventMessage<>("Approval",
                APPROVAL_ID.toString(), 0, new ApprovalRequested(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                personalData.seal(CASE_ID, PersonalField.APPROVAL_REQUEST, CLOSURE), CENTRE)).andMetaData(system);
        fixture.given(bySystem)
                .when(new WithdrawApproval(APPROVAL_ID), person("user-5", CENTRE, Role.CASE_MANAGER))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(bySystem)
                .when(new WithdrawApproval(APPROVAL_ID), system)
                .expectEvents(new ApprovalWithdrawn(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE));
    }

    /** referral-service carries out an approved transnational referral; its refusal comes back to the approval. */
    @Test
    void aTransnationalReferralApprovedIsLeftToReferralServiceAndItsRefusalRecordedOnce() {
        GenericDomainEventMessage<ApprovalRequested> transnational = new GenericDomainEventMessage<>("Approval",
                APPROVAL_ID.toString(), 0, new ApprovalRequested(APPROVAL_ID, CASE_ID,
                ApprovedAction.TRANSNATIONAL_REFERRAL, personalData.seal(CASE_ID, PersonalField.APPROVAL_REQUEST,
                "{\"toInstallationId\":\"AL-NRM\"}"), CENTRE)).andMetaData(REQUESTER);
        fixture.given(transnational)
                .when(new GrantApproval(APPROVAL_ID), APPROVER)
                .expectEvents(new ApprovalGranted(APPROVAL_ID, CASE_ID, ApprovedAction.TRANSNATIONAL_REFERRAL))
                .expectResultMessagePayload(new ApprovalDecided(APPROVAL_ID, CASE_ID,
                        ApprovedAction.TRANSNATIONAL_REFERRAL, ApprovalStatus.EXECUTED, null));
        ApprovalGranted granted = new ApprovalGranted(APPROVAL_ID, CASE_ID, ApprovedAction.TRANSNATIONAL_REFERRAL);
        ApprovedActionRefused refused = new ApprovedActionRefused(APPROVAL_ID, CASE_ID,
                ApprovedAction.TRANSNATIONAL_REFERRAL, "the case is closed");
        fixture.given(transnational, granted)
                .when(new RecordRefusalElsewhere(APPROVAL_ID, "the case is closed"))
                .expectEvents(refused);
        fixture.given(transnational, granted, refused)
                .when(new RecordRefusalElsewhere(APPROVAL_ID, "the case is closed"))
                .expectNoEvents();
        fixture.given(transnational)
                .when(new RecordRefusalElsewhere(APPROVAL_ID, "withdrawn by its requester"))
                .expectNoEvents();
    }

    @Test
    void anApprovedStepIsNotApprovedTwice() {
        fixture.given(requested(), new ApprovalGranted(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE))
                .when(new GrantApproval(APPROVAL_ID), person("user-4", CENTRE, Role.APPROVER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("decided already: EXECUTED"));
    }

    @Test
    void aRequestWhoseCaseWasErasedMeanwhileIsRefusedWhenApproved() {
        GenericDomainEventMessage<ApprovalRequested> requested = requested();
        keys.destroy(CASE_ID.toString());
        fixture.given(requested)
                .when(new GrantApproval(APPROVAL_ID), APPROVER)
                .expectEvents(new ApprovalGranted(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE),
                        new ApprovedActionRefused(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                                "the case's personal data was erased since the request, and the request's with it"))
                .expectResultMessagePayload(new ApprovalDecided(APPROVAL_ID, CASE_ID, ApprovedAction.CASE_CLOSURE,
                        ApprovalStatus.REFUSED, "the case's personal data was erased since the request, and the "
                        + "request's with it"));
    }
}
