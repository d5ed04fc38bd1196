package org.nrmplatform.caseservice.emergencies;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.emergencies.EmergencyEvents.EmergencySituationRegistered;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The emergency situations, one document each in {@value #COLLECTION}: nothing in them is about a person, so every
 * role that registers persons in one, works their cases or counts them reads them all. Rebuildable while serving.
 */
@Component
@ProcessingGroup(EmergencySituationList.NAME)
class EmergencySituationList extends RebuildableProjection {

    static final String NAME = "emergency-situations";
    static final String COLLECTION = "emergency_situations";

    /** A situation as answered; {@code persons}: how many cases are linked to it so far. */
    record SituationView(String situationId, String kind, String country, String municipality, LocalDate startedOn,
                         String description, String recordedByOrganisationId, String recordedByUserId,
                         Instant registeredAt, long persons) {
    }

    private final MongoTemplate mongo;

    EmergencySituationList(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
    }

    @EventHandler
    void on(EmergencySituationRegistered event, MetaData metaData, @Timestamp Instant at) {
        Document situation = new Document("_id", event.situationId().toString())
                .append("kind", event.kind())
                .append("country", event.country())
                .append("municipality", event.municipality())
                .append("startedOn", event.startedOn().toString())
                .append("description", event.description())
                .append("recordedByOrganisationId", event.recordedByOrganisationId())
                .append("recordedByUserId", Actor.fromMetadata(metaData).map(Actor::userId).orElse(null))
                .append("registeredAt", at);
        // saved by id: a repeated delivery writes the same document again
        mongo.save(situation, target());
    }

    /** Every situation, the latest started first; {@code persons} counted by {@code cases}. */
    List<SituationView> all(EmergencyCaseList cases) {
        return mongo.findAll(Document.class, collection().current()).stream()
                .map(stored -> view(stored, cases))
                .sorted((a, b) -> b.startedOn().equals(a.startedOn()) ? b.registeredAt().compareTo(a.registeredAt())
                        : b.startedOn().compareTo(a.startedOn()))
                .toList();
    }

    Optional<SituationView> find(UUID situationId, EmergencyCaseList cases) {
        return Optional.ofNullable(mongo.findById(situationId.toString(), Document.class, collection().current()))
                .map(stored -> view(stored, cases));
    }

    private static SituationView view(Document stored, EmergencyCaseList cases) {
        String id = stored.getString("_id");
        Object registeredAt = stored.get("registeredAt");
        return new SituationView(id, stored.getString("kind"), stored.getString("country"),
                stored.getString("municipality"), LocalDate.parse(stored.getString("startedOn")),
                stored.getString("description"), stored.getString("recordedByOrganisationId"),
                stored.getString("recordedByUserId"),
                registeredAt instanceof Date date ? date.toInstant() : (Instant) registeredAt,
                cases.count(UUID.fromString(id)));
    }
}
