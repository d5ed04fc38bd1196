package org.nrmplatform.caseservice.conferences;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ConferenceRecorded;
import org.nrmplatform.contracts.conferences.ConferenceEvents.Participant;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The conferences of each case, one document per conference in {@value #COLLECTION}, texts kept sealed and opened
 * for each answer. A conference is read by the organisations working the case (those that see it whole: its
 * first-line, identification authority and case managers) and by the organisations at the table; its note only by
 * the case's case managers and the organisation that recorded it (docs/need-to-know.md), for the others it is
 * withheld. Rebuildable while serving, like the case views.
 */
@Component
@ProcessingGroup(ConferenceList.NAME)
class ConferenceList extends RebuildableProjection {

    static final String NAME = "case-conferences";
    static final String COLLECTION = "case_conferences";

    /** An action item as agreed; the task's own state is referral-service's ({@code GET /api/tasks/{taskId}}). */
    record ItemView(String taskId, String description, String owedByOrganisationId, String owedByUserId,
                    Instant dueAt) {
    }

    /** A conference as answered: {@code note} null and {@code noteWithheld} where the reader may not see it. */
    record ConferenceView(String conferenceId, String caseId, Instant heldAt, String recordedByOrganisationId,
                          String recordedByUserId, Instant recordedAt, List<Participant> participants, String note,
                          boolean noteWithheld, String decisions, List<ItemView> actionItems, boolean erased) {
    }

    private final MongoTemplate mongo;
    private final PersonalData personalData;

    ConferenceList(MongoTemplate mongo, ProjectionVersions versions, PersonalData personalData) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
        this.personalData = personalData;
    }

    @EventHandler
    void on(ConferenceRecorded event, MetaData metaData, @Timestamp Instant at) {
        Document conference = new Document("_id", event.conferenceId().toString())
                .append("caseId", event.caseId().toString())
                .append("heldAt", event.heldAt())
                .append("recordedByOrganisationId", event.recordedByOrganisationId())
                .append("recordedByUserId", Actor.fromMetadata(metaData).map(Actor::userId).orElse(null))
                .append("recordedAt", at)
                .append("participants", event.participants().stream().map(participant -> new Document(
                        "organisationId", participant.organisationId()).append("role", participant.role())).toList())
                .append("organisations", event.participants().stream().map(Participant::organisationId).toList())
                .append("note", sealed(event.note()))
                .append("decisions", sealed(event.decisions()))
                .append("actionItems", event.actionItems().stream().map(item -> new Document(
                        "taskId", item.taskId().toString()).append("description", sealed(item.description()))
                        .append("owedByOrganisationId", item.owedByOrganisationId())
                        .append("owedByUserId", item.owedByUserId()).append("dueAt", item.dueAt())).toList());
        // saved by id: a repeated delivery writes the same document again
        mongo.save(conference, target());
    }

    /** The case's conferences the actor may read, latest held first; {@code access}: the case's, if it exists. */
    List<ConferenceView> ofCase(UUID caseId, Actor actor, Optional<CaseAccess> access) {
        Query query = new Query(where("caseId").is(caseId.toString())).with(Sort.by(Sort.Direction.DESC, "heldAt"));
        PersonalData.Reading reading = personalData.reading();
        return mongo.find(query, Document.class, collection().current()).stream()
                .filter(stored -> readable(stored, actor, access))
                .map(stored -> open(stored, actor, access, reading)).toList();
    }

    /** The conference, if it is of that case and the actor may read it. */
    Optional<ConferenceView> find(UUID caseId, UUID conferenceId, Actor actor, Optional<CaseAccess> access) {
        return Optional.ofNullable(mongo.findById(conferenceId.toString(), Document.class, collection().current()))
                .filter(stored -> caseId.toString().equals(stored.getString("caseId")))
                .filter(stored -> readable(stored, actor, access))
                .map(stored -> open(stored, actor, access, personalData.reading()));
    }

    /** The organisations working the case, the one that recorded the conference and those at the table. */
    private static boolean readable(Document stored, Actor actor, Optional<CaseAccess> access) {
        return access.map(found -> found.fullViewFor(actor)).orElse(false)
                || actor.organisationId().equals(stored.getString("recordedByOrganisationId"))
                || stored.getList("organisations", String.class).contains(actor.organisationId());
    }

    /** The case's case managers (whose view is the whole case) and the organisation that wrote it. */
    private static boolean noteVisible(Document stored, Actor actor, Optional<CaseAccess> access) {
        return access.map(found -> actor.has(Role.CASE_MANAGER) && found.grants(Role.CASE_MANAGER, actor))
                .orElse(false) || actor.organisationId().equals(stored.getString("recordedByOrganisationId"));
    }

    private static ConferenceView open(Document stored, Actor actor, Optional<CaseAccess> access,
                                       PersonalData.Reading reading) {
        boolean withheld = !noteVisible(stored, actor, access);
        Document shown = new Document(stored);
        if (withheld) {
            shown.remove("note");
        }
        PersonalData.OpenedPayload opened = reading.openTree(shown, path -> switch (path) {
            case "note" -> PersonalField.CONFERENCE_NOTE;
            case "decisions" -> PersonalField.CONFERENCE_DECISIONS;
            case "actionItems.description" -> PersonalField.CONFERENCE_ACTION_ITEM;
            default -> throw new IllegalStateException("a sealed value at " + path + " of a conference");
        });
        Map<String, Object> conference = opened.payload();
        List<Participant> participants = stored.getList("participants", Document.class).stream()
                .map(participant -> new Participant(participant.getString("organisationId"),
                        participant.getString("role"))).toList();
        List<ItemView> items = ((List<?>) conference.get("actionItems")).stream().map(Map.class::cast)
                .map(item -> new ItemView(text(item, "taskId"), text(item, "description"),
                        text(item, "owedByOrganisationId"), text(item, "owedByUserId"), instant(item.get("dueAt"))))
                .toList();
        return new ConferenceView(text(conference, "_id"), text(conference, "caseId"),
                instant(conference.get("heldAt")), text(conference, "recordedByOrganisationId"),
                text(conference, "recordedByUserId"), instant(conference.get("recordedAt")), participants,
                text(conference, "note"), withheld, text(conference, "decisions"), items, opened.erased());
    }

    private Object sealed(Sealed value) {
        return value == null ? null : mongo.getConverter().convertToMongoType(value);
    }

    private static String text(Map<?, ?> document, String field) {
        Object value = document.get(field);
        return value == null ? null : value.toString();
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : (Instant) stored;
    }
}
