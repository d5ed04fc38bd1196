package org.nrmplatform.caseservice.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which referrals belong to which case, from referral-service's events in the shared stream, so that a
 * case's history can include its referrals' events. Owns {@value #COLLECTION} (version 1; see
 * {@link ProjectionVersions}). Only the history reads it, never a write, so it is rebuildable while serving
 * like the views: the current version keeps answering until the next one has caught up.
 */
@Component
@ProcessingGroup(ReferralIndex.NAME)
class ReferralIndex extends RebuildableProjection {

    static final String NAME = "case-referral-index";
    static final String COLLECTION = "case_referrals";

    record CaseReferral(@Id String referralId, String caseId) {
    }

    private final MongoTemplate mongo;

    ReferralIndex(MongoTemplate mongo, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
    }

    @EventHandler
    void on(ReferralRequested event) {
        // save by id: a repeated delivery writes the same document again
        mongo.save(new CaseReferral(event.referralId().toString(), event.caseId().toString()), target());
    }

    List<String> referralsOf(UUID caseId) {
        return mongo.find(query(where("caseId").is(caseId.toString())), CaseReferral.class, collection().current()).stream()
                .map(CaseReferral::referralId).toList();
    }
}
