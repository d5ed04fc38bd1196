package org.nrmplatform.referralservice.deadlines;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Schedules a deadline for each requested referral and cancels it once the provider answers or the referral
 * ends. Driven by the event stream, so a deadline survives anything that happens between the request being
 * recorded and the schedule being written: the event is delivered again until it is. Both writes are
 * idempotent.
 */
@Component
@ProcessingGroup("referral-deadlines")
class DeadlineSchedule {

    private final MongoTemplate mongo;

    DeadlineSchedule(MongoTemplate mongo) {
        this.mongo = mongo;
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
        mongo.updateFirst(query(where("_id").is(referralId.toString()).and("state").is(Deadline.State.PENDING)),
                new Update().set("state", Deadline.State.CANCELLED), Deadline.COLLECTION);
    }
}
