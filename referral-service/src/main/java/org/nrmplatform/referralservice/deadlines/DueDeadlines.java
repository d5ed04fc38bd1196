package org.nrmplatform.referralservice.deadlines;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Claims due deadlines for one owner (an instance of referral-service). A claim is one atomic
 * find-and-modify on the deadline's document, so of several instances polling at once exactly one gets each
 * deadline; needs neither transactions nor change streams, which the embedded store lacks.
 */
class DueDeadlines {

    private final MongoTemplate mongo;
    private final String owner;
    private final Duration lease;

    DueDeadlines(MongoTemplate mongo, String owner, Duration lease) {
        this.mongo = mongo;
        this.owner = owner;
        this.lease = lease;
    }

    /** The earliest deadline due at {@code now} that nobody holds, now held by this owner. */
    Optional<Deadline> claim(Instant now) {
        Criteria due = where("dueAt").lte(now).orOperator(
                where("state").is(Deadline.State.PENDING),
                where("state").is(Deadline.State.FIRING).and("leaseUntil").lt(now));
        Query next = new Query(due).with(Sort.by("dueAt"));
        Update claim = new Update().set("state", Deadline.State.FIRING).set("owner", owner)
                .set("leaseUntil", now.plus(lease));
        return Optional.ofNullable(mongo.findAndModify(next, claim, FindAndModifyOptions.options().returnNew(true),
                Deadline.class, Deadline.COLLECTION));
    }

    /** Marks a deadline this owner holds as fired; false if its lease lapsed and another owner took it. */
    boolean fired(Deadline deadline, Instant at) {
        return mongo.updateFirst(query(where("_id").is(deadline.id()).and("owner").is(owner)
                        .and("state").is(Deadline.State.FIRING)),
                new Update().set("state", Deadline.State.DONE).set("firedAt", at), Deadline.COLLECTION)
                .getModifiedCount() == 1;
    }
}
