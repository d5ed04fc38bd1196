package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The service provider's view (docs/need-to-know.md): per case only what a provider needs to receive and
 * care for the person ({@link CaseView.ReferredCase}: stage, closed, data subject, guardian, reflection
 * period) and the active referrals that decide which provider may see it. Screening, indicators, grounds,
 * the identification decision, consents, the opening and responsible organisations and the closure are
 * never written here, so a provider's read cannot reveal them. Events may be delivered again; each
 * update ({@code $set}, {@code $addToSet}, {@code $pull} by {@code _id}) gives the same result when repeated.
 */
@Component
@ProcessingGroup(ReferredCaseProjection.NAME)
class ReferredCaseProjection extends RebuildableProjection {

    static final String NAME = "referred-cases";
    static final String COLLECTION = "referred_cases";
    static final String ACTIVE_REFERRALS = "activeReferrals";
    static final String PROVIDERS_FIELD = ACTIVE_REFERRALS + ".providerOrganisationId";

    /** The top-level fields of a document of this view: the provider's fields and its access field. */
    static final Set<String> FIELDS = Set.of("_id", "stage", "closed", "dataSubject", "guardian",
            "reflectionPeriod", ACTIVE_REFERRALS, "erased");

    private final MongoTemplate mongo;
    private final OpenedViews views;

    ReferredCaseProjection(MongoTemplate mongo, OpenedViews views, ProjectionVersions versions) {
        super(mongo, versions, COLLECTION);
        this.mongo = mongo;
        this.views = views;
    }

    /** As stored: the provider's part of the case (personal fields sealed) and the referrals that give access to it. */
    record Stored(String id, CaseStage stage, boolean closed, SealedDataSubject dataSubject,
                  List<CaseView.ActiveReferral> activeReferrals) {
    }

    @EventHandler
    void on(CaseOpened event) {
        Document document = views.document(new Stored(event.caseId().toString(), CaseStage.POTENTIAL_VICTIM, false,
                event.dataSubject(), List.of()));
        try {
            mongo.insert(document, target());
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the view exists already
        }
    }

    @EventHandler
    void on(PresumedVictimFlagged event) {
        set(event.caseId(), new Update().set("stage", CaseStage.PRESUMED_VICTIM));
    }

    @EventHandler
    void on(IdentificationDecided event) {
        set(event.caseId(), new Update().set("stage", event.outcome() == IdentificationOutcome.IDENTIFIED
                ? CaseStage.IDENTIFIED_VICTIM : CaseStage.NOT_IDENTIFIED));
    }

    @EventHandler
    void on(GuardianAppointed event) {
        set(event.caseId(), new Update().set("guardian",
                views.document(new CaseView.Guardian(null, event.guardianOrganisation(), event.appointedOn()))
                        .append("name", OpenedViews.sealed(event.guardianName()))));
    }

    @EventHandler
    void on(ReflectionPeriodStarted event) {
        set(event.caseId(), new Update().set("reflectionPeriod",
                new CaseView.ReflectionPeriod(event.startDate(), event.legalEndDate(), event.legalBasis())));
    }

    @EventHandler
    void on(CaseClosed event) {
        set(event.caseId(), new Update().set("closed", true));
    }

    @EventHandler
    void on(SubjectErased event) {
        set(event.caseId(), new Update().set("erased", true));
    }

    @EventHandler
    void on(ReferralRequested event) {
        set(event.caseId(), new Update().addToSet(ACTIVE_REFERRALS, new Document("referralId",
                event.referralId().toString()).append("providerOrganisationId", event.providerOrganisationId())));
    }

    @EventHandler
    void on(ReferralDeclined event) {
        ended(event.caseId(), event.referralId());
    }

    @EventHandler
    void on(ReferralWithdrawn event) {
        ended(event.caseId(), event.referralId());
    }

    @EventHandler
    void on(ReferralCancelled event) {
        ended(event.caseId(), event.referralId());
    }

    @EventHandler
    void on(ReferralCompleted event) {
        ended(event.caseId(), event.referralId());
    }

    private void ended(UUID caseId, UUID referralId) {
        set(caseId, new Update().pull(ACTIVE_REFERRALS, query(where("referralId").is(referralId.toString()))));
    }

    private void set(UUID caseId, Update update) {
        mongo.updateFirst(query(where("_id").is(caseId.toString())), update, target());
    }
}
