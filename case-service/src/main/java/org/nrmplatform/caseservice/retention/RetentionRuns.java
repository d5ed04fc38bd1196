package org.nrmplatform.caseservice.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The daily runs, one document per day in {@value #COLLECTION}: an instance claims a day's run with one atomic
 * find-and-modify (as the referral deadlines are claimed), so one instance runs each day; a claim whose owner
 * died lapses with its lease and the day is run again (each erasure and approval acts once in its aggregate).
 */
@Component
class RetentionRuns {

    static final String COLLECTION = "retention_runs";

    /**
     * A day's run: {@code erased} cases, approvals {@code requested}, cases {@code refused} by their rules, cases
     * {@code failed} (taken again by the next run, which takes every case due by its day).
     */
    record Run(String id, String state, String owner, Instant leaseUntil, Instant startedAt, Instant finishedAt,
               Integer erased, Integer requested, Integer refused, Integer failed) {
    }

    private final MongoTemplate mongo;

    RetentionRuns(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Whether {@code owner} now holds the run of {@code day}: nobody ran it, or its runner's lease lapsed. */
    boolean claim(LocalDate day, String owner, Instant now, Duration lease) {
        mongo.upsert(query(where("_id").is(day.toString())), new Update().setOnInsert("state", "OWED"), COLLECTION);
        Query claimable = query(where("_id").is(day.toString()).orOperator(where("state").is("OWED"),
                where("state").is("RUNNING").and("leaseUntil").lt(now)));
        Update claim = new Update().set("state", "RUNNING").set("owner", owner).set("leaseUntil", now.plus(lease))
                .set("startedAt", now);
        return mongo.findAndModify(claimable, claim, FindAndModifyOptions.options().returnNew(true), Run.class,
                COLLECTION) != null;
    }

    void done(LocalDate day, String owner, Instant at, int erased, int requested, int refused, int failed) {
        mongo.updateFirst(query(where("_id").is(day.toString()).and("owner").is(owner)),
                new Update().set("state", "DONE").set("finishedAt", at).set("erased", erased)
                        .set("requested", requested).set("refused", refused).set("failed", failed), COLLECTION);
    }

    List<Run> latest(int count) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(count), Run.class, COLLECTION);
    }
}
