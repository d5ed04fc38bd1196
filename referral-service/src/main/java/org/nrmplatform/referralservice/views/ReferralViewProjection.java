package org.nrmplatform.referralservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.nrmplatform.contracts.referrals.ReferralEvents.AssistanceStepRecorded;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralEscalated;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps {@value ReferralView#COLLECTION} up to date from referral events: the inboxes, outboxes, overdue lists
 * and provider loads read it. An update applies only to an older view, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup("referral-views")
class ReferralViewProjection {

    private final MongoTemplate mongo;

    ReferralViewProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ReferralRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document view = new Document();
        mongo.getConverter().write(new ReferralView(event.referralId().toString(), sequence,
                event.caseId().toString(), event.referringOrganisationId(), event.providerOrganisationId(),
                event.serviceType(), event.urgency(), event.respondBy(), null, event.consentId().toString(),
                event.ageCategory(), ReferralStatus.REQUESTED, at, null, null, null, null, List.of(), at, false), view);
        view.put("note", ReferralViews.sealed(event.note()));
        try {
            mongo.insert(view, ReferralView.COLLECTION);
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the view exists already
        }
    }

    @EventHandler
    void on(ReferralAccepted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.referralId().toString(), sequence, at,
                new Update().set("status", ReferralStatus.ACCEPTED).set("answeredAt", at));
    }

    @EventHandler
    void on(ReferralDeclined event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.referralId().toString(), sequence, at, ended(ReferralStatus.DECLINED, at, event.reason())
                .set(ReferralViews.DECLINE_NOTE, ReferralViews.sealed(event.note())).set("answeredAt", at));
    }

    @EventHandler
    void on(ReferralWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.referralId().toString(), sequence, at, ended(ReferralStatus.WITHDRAWN, at, null)
                .set(ReferralViews.WITHDRAWAL_REASON, ReferralViews.sealed(event.reason())));
    }

    @EventHandler
    void on(AssistanceStepRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document step = new Document("stepId", event.stepId().toString()).append("serviceType", event.serviceType())
                .append("deliveredAt", Date.from(event.deliveredAt()))
                .append("deliveredBy", ReferralViews.sealed(event.deliveredBy()))
                .append("outcome", ReferralViews.sealed(event.outcome()));
        apply(event.referralId().toString(), sequence, at, new Update().push("steps", step));
    }

    @EventHandler
    void on(ReferralCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.referralId().toString(), sequence, at, ended(ReferralStatus.COMPLETED, at, null)
                .set(ReferralViews.COMPLETION_OUTCOME, ReferralViews.sealed(event.outcome())));
    }

    @EventHandler
    void on(ReferralCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.referralId().toString(), sequence, at, ended(ReferralStatus.CANCELLED, at,
                event.reason() + " (consent " + event.consentId() + ")"));
    }

    @EventHandler
    void on(ReferralEscalated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.referralId().toString(), sequence, at, new Update().set("escalatedAt", at));
    }

    private static Update ended(ReferralStatus status, Instant at, String how) {
        return new Update().set("status", status).set("endedAt", at).set("ended", how);
    }

    private void apply(String referralId, long sequence, Instant at, Update update) {
        mongo.updateFirst(query(where("_id").is(referralId).and("version").lt(sequence)),
                update.set("version", sequence).set("lastChangedAt", at), ReferralView.COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(ReferralView.COLLECTION);
    }
}
