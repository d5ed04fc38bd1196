package org.nrmplatform.caseservice.courtexport;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.courtexport.AuditCommands.CloseLegalBasis;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisClosed;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.security.Actor;

/**
 * The end of a case's proceedings: only the prosecutor's office that recorded the legal basis closes it, once;
 * the case's retention after proceedings runs from then (CaseRetentionTest).
 */
class CaseLegalBasesTest {

    private static final UUID CASE_ID = UUID.fromString("2c7d9e1a-5b3f-4a8e-9d21-6f0b4c8a7e33");
    private static final UUID BASIS = UUID.fromString("b1000000-0000-4000-8000-000000000001");
    private static final String OFFICE = "0f6a3c1e-5555-4a2b-9c3d-000000000005";
    private static final String OTHER_OFFICE = "0f6a3c1e-6666-4a2b-9c3d-000000000006";
    private static final String STREAM = AuditEvents.legalBasesOf(CASE_ID);

    private FixtureConfiguration<CaseLegalBases> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseLegalBases.class);
    }

    private static Map<String, Object> prosecutor(String office) {
        return new Actor("user-7", "client-7", office, "prosecution", "RS", Set.of(Role.PROSECUTOR)).toMetadata();
    }

    private static LegalBasisRecorded recorded() {
        return new LegalBasisRecorded(CASE_ID, BASIS, new LegalBasis("K-123/2026", "Higher Public Prosecutor"));
    }

    /** Recorded by {@link #OFFICE}: who recorded it is the event's metadata. */
    private static EventMessage<LegalBasisRecorded> recordedByOffice() {
        return GenericEventMessage.<LegalBasisRecorded>asEventMessage(recorded()).andMetaData(prosecutor(OFFICE));
    }

    @Test
    void theOfficeThatRecordedALegalBasisClosesItsProceedings() {
        fixture.given(recordedByOffice())
                .when(new CloseLegalBasis(STREAM, CASE_ID, BASIS), prosecutor(OFFICE))
                .expectEvents(new LegalBasisClosed(CASE_ID, BASIS));
    }

    @Test
    void anotherOfficeCannotCloseItNorAnyoneTwice() {
        fixture.given(recordedByOffice())
                .when(new CloseLegalBasis(STREAM, CASE_ID, BASIS), prosecutor(OTHER_OFFICE))
                .expectNoEvents().expectException(RuleViolation.class)
                .expectExceptionMessage("your office recorded no legal basis " + BASIS + " for case " + CASE_ID);
        fixture.given(recordedByOffice(), new LegalBasisClosed(CASE_ID, BASIS))
                .when(new CloseLegalBasis(STREAM, CASE_ID, BASIS), prosecutor(OFFICE))
                .expectNoEvents().expectException(RuleViolation.class)
                .expectExceptionMessage("the proceedings of legal basis " + BASIS + " are already closed");
    }
}
