package org.nrmplatform.caseservice.actionplan;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActionPlanRecorded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActivityAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActivityProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorValueReported;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ObjectiveAdded;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ProgressReported;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The action plans, one document each in {@value ActionPlans#COLLECTION} (version 1; rebuildable while serving,
 * see {@link ProjectionVersions}), kept from their events: objectives,
 * activities and indicators keyed by id (in the order added), reported values by indicator and period, progress
 * reports by period (a later one replaces the earlier). Every write is guarded by the plan's version, so an event
 * delivered again changes nothing. Numbers are kept as their decimal text, exactly as recorded.
 */
@Component
@ProcessingGroup(ActionPlanProjection.NAME)
class ActionPlanProjection extends RebuildableProjection {

    static final String NAME = "action-plans";

    private final MongoTemplate mongo;

    ActionPlanProjection(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, ActionPlans.COLLECTION);
        this.mongo = mongo;
    }

    @EventHandler
    void on(ActionPlanRecorded event, @Timestamp Instant at) {
        Update insert = new Update().setOnInsert("title", event.title())
                .setOnInsert("startsOn", event.startsOn().toString()).setOnInsert("endsOn", event.endsOn().toString())
                .setOnInsert("recordedAt", at).setOnInsert("version", 0L)
                .setOnInsert("objectives", new Document()).setOnInsert("activities", new Document())
                .setOnInsert("indicators", new Document()).setOnInsert("values", new Document())
                .setOnInsert("reports", new Document());
        mongo.upsert(query(where("_id").is(event.planId().toString())), insert, target());
    }

    @EventHandler
    void on(ObjectiveAdded event, @SequenceNumber long sequence) {
        change(event.planId(), sequence, new Update().set("objectives." + event.objectiveId(),
                new Document("title", event.title())));
    }

    @EventHandler
    void on(ActivityAdded event, @SequenceNumber long sequence) {
        change(event.planId(), sequence, new Update().set("activities." + event.activityId(),
                new Document("objectiveId", event.objectiveId().toString()).append("title", event.title())
                        .append("responsibleInstitution", event.responsibleInstitution())
                        .append("deadline", event.deadline().toString()).append("status", event.status().name())));
    }

    @EventHandler
    void on(IndicatorAdded event, @SequenceNumber long sequence) {
        change(event.planId(), sequence, new Update().set("indicators." + event.indicatorId(),
                new Document("objectiveId", event.objectiveId().toString()).append("name", event.name())
                        .append("unit", event.unit()).append("baseline", text(event.baseline()))
                        .append("target", text(event.target())).append("boundTo", event.boundTo())
                        .append("category", event.category()).append("reportedBy", event.reportedBy())));
    }

    @EventHandler
    void on(IndicatorValueReported event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.planId(), sequence, new Update().set("values." + event.indicatorId() + "." + event.period(),
                new Document("value", text(event.value())).append("note", event.note()).append("reportedAt", at)));
    }

    @EventHandler
    void on(ProgressReported event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document activities = new Document();
        Update update = new Update();
        for (ActivityProgress progress : event.activities()) {
            activities.append(progress.activityId().toString(), new Document("status", progress.status().name())
                    .append("implementation", progress.implementation() == null ? null
                            : progress.implementation().name()));
            if (progress.implementation() != null) {
                update.set("activities." + progress.activityId() + ".status", progress.implementation().name());
            }
        }
        Document indicators = new Document();
        for (IndicatorProgress progress : event.indicators()) {
            indicators.append(progress.indicatorId().toString(), progress.status().name());
        }
        change(event.planId(), sequence, update.set("reports." + event.period(),
                new Document("narrative", event.narrative()).append("activities", activities)
                        .append("indicators", indicators).append("reportedAt", at)));
    }

    private void change(UUID planId, long sequence, Update update) {
        mongo.updateFirst(query(where("_id").is(planId.toString()).and("version").lt(sequence)),
                update.set("version", sequence), target());
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
