package org.nrmplatform.referralservice.tasks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskAssigned;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskCancelled;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskDone;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskEscalated;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskReminded;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The tasks, one document each, kept from task events; texts stay sealed as the events hold them ({@link TaskList}
 * opens them when read). Every write sets what its event makes the fields, guarded by the task's version, so an
 * event delivered again changes nothing.
 */
@Component
@ProcessingGroup("tasks")
class TaskProjection {

    private final MongoTemplate mongo;

    TaskProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(TaskView.COLLECTION).createIndex(new Index().on("owedByOrganisationId", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC));
    }

    @EventHandler
    void on(TaskAssigned event, @Timestamp Instant at) {
        Document task = new Document("_id", event.taskId().toString()).append("caseId", event.caseId().toString())
                .append("assignedByOrganisationId", event.assignedByOrganisationId())
                .append("owedByOrganisationId", event.owedByOrganisationId()).append("owedByRole", event.owedByRole())
                .append("owedByUserId", event.owedByUserId())
                .append("description", sealed(event.description())).append("dueAt", event.dueAt())
                .append("remindAt", event.remindAt()).append("status", TaskStatus.OPEN.name())
                .append("assignedAt", at).append("version", 0L)
                .append("conferenceId", event.conferenceId() == null ? null : event.conferenceId().toString());
        Update insert = new Update();
        task.forEach(insert::setOnInsert);
        mongo.upsert(query(where("_id").is(event.taskId().toString())), insert, TaskView.COLLECTION);
    }

    @EventHandler
    void on(TaskReminded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.taskId(), sequence, new Update().set("remindedAt", at));
    }

    @EventHandler
    void on(TaskEscalated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.taskId(), sequence, new Update().set("escalatedAt", at));
    }

    @EventHandler
    void on(TaskDone event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.taskId(), sequence, new Update().set("status", TaskStatus.DONE.name()).set("endedAt", at)
                .set("doneReason", sealed(event.reason())));
    }

    @EventHandler
    void on(TaskCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.taskId(), sequence, new Update().set("status", TaskStatus.CANCELLED.name()).set("endedAt", at)
                .set("cancellationReason", sealed(event.reason())));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(TaskView.COLLECTION);
    }

    private void change(UUID taskId, long sequence, Update update) {
        mongo.updateFirst(query(where("_id").is(taskId.toString()).and("version").lt(sequence)),
                update.set("version", sequence), TaskView.COLLECTION);
    }

    private static Document sealed(Sealed value) {
        return value == null ? null
                : new Document("subjectId", value.subjectId()).append("ciphertext", value.ciphertext());
    }
}
