package org.nrmplatform.caseservice.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.approvals.ApprovalEvents.ApprovalRequested;
import org.nrmplatform.contracts.conferences.ConferenceEvents.ConferenceRecorded;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackGiven;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackLinkIssued;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.AssistancePlanStarted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.tasks.TaskEvents.TaskAssigned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which referrals, tasks, approvals, conferences and assistance plans belong to which case, from referral-service's events in the shared stream, so that
 * a case's history and court export can include their events (a task's record has {@code type} Task; a
 * referral's has none, as before tasks existed). Owns {@value #COLLECTION} (version 1; see
 * {@link ProjectionVersions}). Only the history reads it, never a write, so it is rebuildable while serving
 * like the views: the current version keeps answering until the next one has caught up.
 */
@Component
@ProcessingGroup(ReferralIndex.NAME)
class ReferralIndex extends RebuildableProjection {

    static final String NAME = "case-referral-index";
    static final String COLLECTION = "case_referrals";

    record CaseReferral(@Id String referralId, String caseId, String type) {

        /** The aggregate type of the record's events. */
        String aggregateType() {
            return type == null ? "Referral" : type;
        }
    }

    private final MongoTemplate mongo;

    ReferralIndex(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
    }

    @EventHandler
    void on(ReferralRequested event) {
        // save by id: a repeated delivery writes the same document again
        mongo.save(new CaseReferral(event.referralId().toString(), event.caseId().toString(), null), target());
    }

    @EventHandler
    void on(TaskAssigned event) {
        mongo.save(new CaseReferral(event.taskId().toString(), event.caseId().toString(), "Task"), target());
    }

    @EventHandler
    void on(ApprovalRequested event) {
        mongo.save(new CaseReferral(event.approvalId().toString(), event.caseId().toString(), "Approval"), target());
    }

    @EventHandler
    void on(ConferenceRecorded event) {
        mongo.save(new CaseReferral(event.conferenceId().toString(), event.caseId().toString(), "Conference"),
                target());
    }

    /** A feedback request: issued as a link, or recorded at once by the case manager (then given is its first). */
    @EventHandler
    void on(FeedbackLinkIssued event) {
        mongo.save(new CaseReferral(event.feedbackId().toString(), event.caseId().toString(), "Feedback"), target());
    }

    @EventHandler
    void on(FeedbackGiven event) {
        mongo.save(new CaseReferral(event.feedbackId().toString(), event.caseId().toString(), "Feedback"), target());
    }

    @EventHandler
    void on(AssistancePlanStarted event) {
        mongo.save(new CaseReferral(event.planId().toString(), event.caseId().toString(), "AssistancePlan"),
                target());
    }

    /** The referrals', tasks', approvals', conferences', feedback requests' and the assistance plan's records of the case. */
    List<CaseReferral> recordsOf(UUID caseId) {
        return mongo.find(query(where("caseId").is(caseId.toString())), CaseReferral.class, collection().current());
    }

    List<String> referralsOf(UUID caseId) {
        return recordsOf(caseId).stream().map(CaseReferral::referralId).toList();
    }
}
