package org.nrmplatform.referralservice.deadlines;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceRecorded;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskAssigned;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskCancelled;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskDone;
import org.nrmplatform.referralservice.standards.StandardsProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Schedules a deadline for each requested referral and cancels it once the provider answers or the referral
 * ends; likewise a task's reminder and due date, cancelled once the task is done or cancelled, and the alert before
 * a provider's licence expires. Driven by the event stream, so a deadline survives anything that happens between the request being
 * recorded and the schedule being written: the event is delivered again until it is. Both writes are
 * idempotent.
 */
@Component
@ProcessingGroup("referral-deadlines")
class DeadlineSchedule {

    private final MongoTemplate mongo;
    private final StandardsProperties standards;

    DeadlineSchedule(MongoTemplate mongo, StandardsProperties standards) {
        this.mongo = mongo;
        this.standards = standards;
        mongo.indexOps(Deadline.COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC));
    }

    @EventHandler
    void on(ReferralRequested event) {
        mongo.upsert(query(where("_id").is(event.referralId().toString())),
                new Update().setOnInsert("dueAt", event.respondBy()).setOnInsert("state", Deadline.State.PENDING),
                Deadline.COLLECTION);
    }

    @EventHandler
    void on(ReferralAccepted event) {
        cancel(event.referralId());
    }

    @EventHandler
    void on(ReferralDeclined event) {
        cancel(event.referralId());
    }

    @EventHandler
    void on(ReferralWithdrawn event) {
        cancel(event.referralId());
    }

    @EventHandler
    void on(ReferralCancelled event) {
        cancel(event.referralId());
    }

    private void cancel(UUID referralId) {
        cancel(referralId.toString());
    }

    @EventHandler
    void on(TaskAssigned event) {
        schedule(Deadline.Kind.TASK_DUE, event.taskId(), event.dueAt());
        if (event.remindAt() != null) {
            schedule(Deadline.Kind.TASK_REMINDER, event.taskId(), event.remindAt());
        }
    }

    @EventHandler
    void on(TaskDone event) {
        cancelTask(event.taskId());
    }

    @EventHandler
    void on(TaskCancelled event) {
        cancelTask(event.taskId());
    }

    /** A task's deadline: its id names its kind, so a task's reminder and due date are two deadlines. */
    static String taskDeadline(Deadline.Kind kind, UUID taskId) {
        return kind.name().toLowerCase() + ":" + taskId;
    }

    private void schedule(Deadline.Kind kind, UUID taskId, Instant dueAt) {
        mongo.upsert(query(where("_id").is(taskDeadline(kind, taskId))),
                new Update().setOnInsert("dueAt", dueAt).setOnInsert("state", Deadline.State.PENDING)
                        .setOnInsert("kind", kind).setOnInsert("target", taskId.toString()),
                Deadline.COLLECTION);
    }

    private void cancelTask(UUID taskId) {
        cancel(taskDeadline(Deadline.Kind.TASK_DUE, taskId));
        cancel(taskDeadline(Deadline.Kind.TASK_REMINDER, taskId));
    }

    /**
     * A licence's alert, due the configured lead time before the start of its expiry day (UTC); a renewal (the same
     * licence with another expiry) cancels the alert of the expiry it replaces. Due at once if the licence is
     * recorded already within the lead time, or expired.
     */
    @EventHandler
    void on(LicenceRecorded event) {
        String id = licenceDeadline(event.licenceId(), event.expiresOn());
        mongo.updateMulti(query(where("kind").is(Deadline.Kind.LICENCE_EXPIRY).and("licence")
                        .is(event.licenceId().toString()).and("_id").ne(id).and("state").is(Deadline.State.PENDING)),
                new Update().set("state", Deadline.State.CANCELLED), Deadline.COLLECTION);
        Instant dueAt = event.expiresOn().atStartOfDay(ZoneOffset.UTC).toInstant()
                .minus(standards.licenceAlertBefore());
        mongo.upsert(query(where("_id").is(id)),
                new Update().setOnInsert("dueAt", dueAt).setOnInsert("state", Deadline.State.PENDING)
                        .setOnInsert("kind", Deadline.Kind.LICENCE_EXPIRY)
                        .setOnInsert("target", event.organisationId().toString())
                        .setOnInsert("licence", event.licenceId().toString())
                        .setOnInsert("expiresOn", event.expiresOn().toString()),
                Deadline.COLLECTION);
    }

    static String licenceDeadline(UUID licenceId, LocalDate expiresOn) {
        return Deadline.Kind.LICENCE_EXPIRY.name().toLowerCase() + ":" + licenceId + ":" + expiresOn;
    }

    private void cancel(String deadlineId) {
        mongo.updateFirst(query(where("_id").is(deadlineId).and("state").is(Deadline.State.PENDING)),
                new Update().set("state", Deadline.State.CANCELLED), Deadline.COLLECTION);
    }
}
