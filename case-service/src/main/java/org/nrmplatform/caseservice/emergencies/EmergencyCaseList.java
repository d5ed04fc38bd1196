package org.nrmplatform.caseservice.emergencies;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.nrmplatform.caseservice.cases.Case;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The cases registered in emergency situations, one document per case in {@value #COLLECTION}: the situation, the
 * organisation that registered the person (the case's opening organisation), the temporary reference (kept
 * sealed, opened for each answer), languages, immediate needs, and whether the case is still to complete. A case
 * registered rapidly is <em>to complete</em> until a full indicator set (any but the rapid one) is answered for
 * it, a presumed victim is flagged, or it is closed. Which of these rows a caller may read is
 * {@link EmergencyController}'s to decide. Rebuildable while serving.
 */
@Component
@ProcessingGroup(EmergencyCaseList.NAME)
class EmergencyCaseList extends RebuildableProjection {

    static final String NAME = "emergency-cases";
    static final String COLLECTION = "emergency_cases";

    /** A case of a situation as answered; {@code temporaryReference} null once the person is erased. */
    record CaseRow(String caseId, String situationId, String openingOrganisationId, String temporaryReference,
                   List<String> languages, List<String> immediateNeeds, Instant registeredAt, boolean toComplete,
                   boolean closed, boolean erased) {
    }

    private final MongoTemplate mongo;
    private final PersonalData personalData;

    EmergencyCaseList(MongoTemplate mongo, ProjectionVersions versions, PersonalData personalData) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
        this.personalData = personalData;
    }

    @EventHandler
    void on(CaseRegisteredInEmergency event, MetaData metaData, @Timestamp Instant at) {
        Sealed reference = event.temporaryReference();
        Document row = new Document("_id", event.caseId().toString())
                .append("situationId", event.situationId().toString())
                .append("openingOrganisationId", Actor.fromMetadata(metaData).map(Actor::organisationId).orElse(null))
                .append("temporaryReference", reference == null ? null
                        : mongo.getConverter().convertToMongoType(reference))
                .append("languages", event.languages())
                .append("immediateNeeds", event.immediateNeeds())
                .append("registeredAt", at)
                .append("toComplete", true)
                .append("closed", false);
        mongo.save(row, target());
    }

    @EventHandler
    void on(IndicatorAssessmentRecorded event) {
        if (!Case.RAPID_SET.equals(event.indicatorSetId())) {
            completed(event.caseId());
        }
    }

    @EventHandler
    void on(PresumedVictimFlagged event) {
        completed(event.caseId());
    }

    @EventHandler
    void on(CaseClosed event) {
        // a case of no situation has no row: the update finds none
        mongo.updateFirst(query(where("_id").is(event.caseId().toString())),
                new Update().set("closed", true).set("toComplete", false), target());
    }

    private void completed(UUID caseId) {
        mongo.updateFirst(query(where("_id").is(caseId.toString())), new Update().set("toComplete", false),
                target());
    }

    /** The situation's cases, in the order they were registered. */
    List<CaseRow> ofSituation(UUID situationId) {
        return rows(new Query(where("situationId").is(situationId.toString())));
    }

    long count(UUID situationId) {
        return mongo.count(new Query(where("situationId").is(situationId.toString())), collection().current());
    }

    /** The cases an organisation registered that are still to complete, in the order they were registered. */
    List<CaseRow> toCompleteBy(String organisationId) {
        return rows(new Query(where("openingOrganisationId").is(organisationId)))
                .stream().filter(CaseRow::toComplete).toList();
    }

    private List<CaseRow> rows(Query query) {
        PersonalData.Reading reading = personalData.reading();
        return mongo.find(query.with(Sort.by("registeredAt", "_id")), Document.class, collection().current())
                .stream().map(stored -> {
                    PersonalData.OpenedPayload opened = reading.openTree(stored, path -> switch (path) {
                        case "temporaryReference" -> PersonalField.EMERGENCY_TEMPORARY_REFERENCE;
                        default -> throw new IllegalStateException("a sealed value at " + path + " of a row");
                    });
                    Object reference = opened.payload().get("temporaryReference");
                    Object at = stored.get("registeredAt");
                    return new CaseRow(stored.getString("_id"), stored.getString("situationId"),
                            stored.getString("openingOrganisationId"), reference == null ? null : reference.toString(),
                            stored.getList("languages", String.class), stored.getList("immediateNeeds", String.class),
                            at instanceof Date date ? date.toInstant() : (Instant) at,
                            stored.getBoolean("toComplete", false), stored.getBoolean("closed", false),
                            opened.erased());
                }).toList();
    }
}
