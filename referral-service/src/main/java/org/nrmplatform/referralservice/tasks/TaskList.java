package org.nrmplatform.referralservice.tasks;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads of the tasks (eventually consistent with the writes): an organisation reads the tasks it owes ("my
 * organisation's tasks", soonest due first) and those it assigned; any other task does not exist for it. Texts are
 * opened as they are read.
 */
@Component
class TaskList {

    record Page(List<TaskView> items, int page, int size, long total) {
    }

    private static final Map<String, PersonalField> SEALED_FIELDS = Map.of(
            "description", PersonalField.TASK_DESCRIPTION,
            "doneReason", PersonalField.TASK_DONE_REASON,
            "cancellationReason", PersonalField.TASK_CANCELLATION_REASON);

    private final MongoTemplate mongo;
    private final PersonalData personalData;
    private final Colleagues colleagues;

    TaskList(MongoTemplate mongo, PersonalData personalData, Colleagues colleagues) {
        this.mongo = mongo;
        this.personalData = personalData;
        this.colleagues = colleagues;
    }

    /** The actor's organisation's tasks: those it owes, or with {@code assigned} those it assigned. */
    Page list(Actor actor, boolean assigned, TaskStatus status, UUID caseId, int page, int size) {
        Criteria criteria = where(assigned ? "assignedByOrganisationId" : "owedByOrganisationId")
                .is(actor.organisationId());
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (caseId != null) {
            criteria = criteria.and("caseId").is(caseId.toString());
        }
        long total = mongo.count(new Query(criteria), TaskView.COLLECTION);
        Query query = new Query(criteria).with(Sort.by("dueAt", "_id")).skip((long) page * size).limit(size);
        PersonalData.Reading reading = personalData.reading();
        List<Document> stored = mongo.find(query, Document.class, TaskView.COLLECTION);
        Map<String, String> names = colleagues.names(stored.stream().map(task -> task.getString("owedByUserId"))
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        List<TaskView> items = stored.stream().map(task -> open(task, reading, names)).toList();
        return new Page(items, page, size, total);
    }

    /** The task, if the actor's organisation owes it or assigned it. */
    Optional<TaskView> find(UUID taskId, Actor actor) {
        return Optional.ofNullable(mongo.findById(taskId.toString(), Document.class, TaskView.COLLECTION))
                .filter(stored -> actor.organisationId().equals(stored.getString("owedByOrganisationId"))
                        || actor.organisationId().equals(stored.getString("assignedByOrganisationId")))
                .map(stored -> open(stored, personalData.reading(), stored.getString("owedByUserId") == null
                        ? Map.of() : colleagues.names(List.of(stored.getString("owedByUserId")))));
    }

    private TaskView open(Document stored, PersonalData.Reading reading, Map<String, String> names) {
        PersonalData.OpenedPayload opened = reading.openTree(stored, path -> {
            PersonalField field = SEALED_FIELDS.get(path);
            if (field == null) {
                throw new IllegalStateException("a sealed value at " + path + " of a task view");
            }
            return field;
        });
        Document view = (Document) opened.payload();
        view.put("erased", opened.erased());
        String owedByUserId = stored.getString("owedByUserId");
        view.put("owedByName", owedByUserId == null ? null : names.get(owedByUserId));
        return mongo.getConverter().read(TaskView.class, view);
    }
}
