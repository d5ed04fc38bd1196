package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.Events.CaseClosed;
import org.nrmplatform.contracts.cases.Events.CaseOpened;
import org.nrmplatform.contracts.cases.Events.IdentificationDecided;
import org.nrmplatform.contracts.cases.Events.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The prosecutor's case summary: the case's stage, when it was opened, the identification outcome with
 * the types of exploitation and methods of control found, and why it was closed. No personal data of the
 * data subject, no screening, indicators, consents, guardian, reflection period or organisations.
 * Not served yet: prosecutors read cases only with a recorded legal basis (issue 6), which brings the
 * endpoint. Each update is a {@code $set} by {@code _id}, so a repeated delivery changes nothing.
 */
@Component
@ProcessingGroup(ProsecutorCaseSummaryProjection.NAME)
class ProsecutorCaseSummaryProjection implements RebuildableProjection {

    static final String NAME = "prosecutor-case-summaries";
    static final String COLLECTION = "prosecutor_case_summaries";

    /** The top-level fields of a summary once a case has been decided and closed. */
    static final Set<String> FIELDS = Set.of("_id", "stage", "closed", "openedAt", "identificationOutcome",
            "typesOfExploitation", "methodsOfControl", "closureReason");

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    @Autowired
    ProsecutorCaseSummaryProjection(MongoTemplate mongo, ProjectionVersions versions) {
        this(mongo, () -> versions.currentCollection(NAME, COLLECTION));
    }

    private ProsecutorCaseSummaryProjection(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String baseCollection() {
        return COLLECTION;
    }

    @Override
    public Object handlerFor(String target) {
        return new ProsecutorCaseSummaryProjection(mongo, () -> target);
    }

    @EventHandler
    void on(CaseOpened event, @Timestamp Instant at) {
        Document summary = new Document("_id", event.caseId().toString())
                .append("stage", CaseStage.POTENTIAL_VICTIM.name())
                .append("closed", false)
                .append("openedAt", Date.from(at));
        try {
            mongo.insert(summary, collection.get());
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the summary exists already
        }
    }

    @EventHandler
    void on(PresumedVictimFlagged event) {
        set(event.caseId(), new Update().set("stage", CaseStage.PRESUMED_VICTIM));
    }

    @EventHandler
    void on(IdentificationDecided event) {
        set(event.caseId(), new Update()
                .set("stage", event.outcome() == IdentificationOutcome.IDENTIFIED ? CaseStage.IDENTIFIED_VICTIM
                        : CaseStage.NOT_IDENTIFIED)
                .set("identificationOutcome", event.outcome())
                .set("typesOfExploitation", event.typesOfExploitation())
                .set("methodsOfControl", event.methodsOfControl()));
    }

    @EventHandler
    void on(CaseClosed event) {
        set(event.caseId(), new Update().set("closed", true).set("closureReason", event.reason()));
    }

    private void set(UUID caseId, Update update) {
        mongo.updateFirst(query(where("_id").is(caseId.toString())), update, collection.get());
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(collection.get());
    }
}
