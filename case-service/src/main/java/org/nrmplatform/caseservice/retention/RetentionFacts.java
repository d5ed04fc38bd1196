package org.nrmplatform.caseservice.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalGranted;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRejected;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRequested;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovedActionRefused;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisClosed;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * What the retention page and the daily run need of each case, in {@value #COLLECTION}: who acts on it, when it
 * was closed and in which outcome, its proceedings, whether it is erased, and the retention approval asked for it.
 * No personal data. Every update sets values (or adds to a set), so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(RetentionFacts.NAME)
class RetentionFacts {

    static final String NAME = "case-retention";
    static final String COLLECTION = "case_retention";

    /**
     * One case. {@code actingOrganisationId}: whom the run erases for, the responsible organisation (the opening
     * one before a case manager took the case on); {@code approvalStatus}: of the run's last approval asked for.
     */
    record RetentionCase(String id, String actingOrganisationId, Boolean identified, Instant closedAt,
                         Boolean erased, List<String> openLegalBases, Instant lastProceedingsEndedAt,
                         String approvalId, String approvalStatus) {

        boolean wasIdentified() {
            return Boolean.TRUE.equals(identified);
        }

        LocalDate closedOn() {
            return closedAt == null ? null : LocalDate.ofInstant(closedAt, ZoneOffset.UTC);
        }

        Proceedings proceedings() {
            return new Proceedings(openLegalBases == null ? 0 : openLegalBases.size(),
                    lastProceedingsEndedAt == null ? null : LocalDate.ofInstant(lastProceedingsEndedAt, ZoneOffset.UTC));
        }
    }

    private final MongoTemplate mongo;

    RetentionFacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(CaseOpened event) {
        // the responsible organisation, once named, is not replaced by the opening one on a redelivery
        mongo.upsert(byCase(event.caseId()), new Update().setOnInsert("actingOrganisationId",
                event.openingOrganisationId()), COLLECTION);
    }

    @EventHandler
    void on(PresumedVictimFlagged event) {
        set(event.caseId(), new Update().set("actingOrganisationId", event.responsibleOrganisationId()));
    }

    @EventHandler
    void on(CaseClosed event, @Timestamp Instant at) {
        set(event.caseId(), new Update().set("closedAt", at)
                .set("identified", event.finalStage() == CaseStage.IDENTIFIED_VICTIM));
    }

    @EventHandler
    void on(SubjectErased event) {
        set(event.caseId(), new Update().set("erased", true));
    }

    @EventHandler
    void on(LegalBasisRecorded event) {
        set(event.caseId(), new Update().addToSet("openLegalBases", event.legalBasisId().toString()));
    }

    @EventHandler
    void on(LegalBasisClosed event, @Timestamp Instant at) {
        set(event.caseId(), new Update().pull("openLegalBases", event.legalBasisId().toString())
                .max("lastProceedingsEndedAt", at));
    }

    /** Only the approvals the retention run asked for (its actor), not a person's erasure request. */
    @EventHandler
    void on(ApprovalRequested event, MetaData metaData) {
        if (Actor.fromMetadata(metaData).map(Actor::clientId).filter(DailyRetentionRun.CLIENT_ID::equals).isPresent()) {
            set(event.caseId(), new Update().set("approvalId", event.approvalId().toString())
                    .set("approvalStatus", "PENDING"));
        }
    }

    @EventHandler
    void on(ApprovalGranted event) {
        approval(event.approvalId(), "EXECUTED");
    }

    @EventHandler
    void on(ApprovedActionRefused event) {
        approval(event.approvalId(), "REFUSED");
    }

    @EventHandler
    void on(ApprovalRejected event) {
        approval(event.approvalId(), "REJECTED");
    }

    @ResetHandler
    void reset() {
        if (mongo.collectionExists(COLLECTION)) {
            mongo.dropCollection(COLLECTION);
        }
    }

    private void approval(UUID approvalId, String status) {
        mongo.updateFirst(Query.query(where("approvalId").is(approvalId.toString())),
                new Update().set("approvalStatus", status), COLLECTION);
    }

    private void set(UUID caseId, Update update) {
        mongo.upsert(byCase(caseId), update, COLLECTION);
    }

    private static Query byCase(UUID caseId) {
        return Query.query(where("_id").is(caseId.toString()));
    }

    /** The closed cases not erased: those whose retention may have ended. */
    List<RetentionCase> closedNotErased() {
        return mongo.find(Query.query(where("closedAt").ne(null).and("erased").ne(true)), RetentionCase.class,
                COLLECTION);
    }

    /** The cases whose retention approval waits for an approver of {@code organisationId}. */
    List<RetentionCase> awaitingApproval(String organisationId) {
        return mongo.find(Query.query(where("approvalStatus").is("PENDING").and("actingOrganisationId")
                .is(organisationId)), RetentionCase.class, COLLECTION);
    }

    /** Every retention approval still waiting, for the retention page. */
    List<RetentionCase> awaitingApproval() {
        return mongo.find(Query.query(where("approvalStatus").is("PENDING")), RetentionCase.class, COLLECTION);
    }
}
