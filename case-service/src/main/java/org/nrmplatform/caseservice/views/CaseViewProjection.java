package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.Events.CaseClosed;
import org.nrmplatform.contracts.cases.Events.CaseOpened;
import org.nrmplatform.contracts.cases.Events.ConsentGiven;
import org.nrmplatform.contracts.cases.Events.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.Events.GuardianAppointed;
import org.nrmplatform.contracts.cases.Events.IdentificationDecided;
import org.nrmplatform.contracts.cases.Events.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.Events.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.Events.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.Events.SubjectErased;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the case views up to date from case events, in the collection of the current version
 * ({@value #COLLECTION} for version 1, see {@link ProjectionVersions}); a rebuild runs a second instance
 * bound to the next version's collection. Events may be delivered again (after a crash between a write and
 * the token update); each update applies only if the stored view is older than the event, so a repeat
 * changes nothing.
 *
 * <p>This is the view of the first-line, identification-authority and case-manager actors: the
 * need-to-know matrix gives all three the whole case view (the same field set); they differ only in which
 * cases they see, which {@link CaseAccess} decides. Service providers read their own view
 * ({@link ReferredCaseProjection}), prosecutors theirs ({@link ProsecutorCaseSummaryProjection}) and
 * monitors the anonymised statistics; none of them reads this one. Queries: {@link CaseViewQueries}.
 */
@Component
@ProcessingGroup(CaseViewProjection.NAME)
class CaseViewProjection implements RebuildableProjection {

    static final String NAME = "case-views";
    static final String COLLECTION = "case_views";
    private static final String ACTIVE_REFERRALS = "activeReferrals";

    private final MongoTemplate mongo;
    private final OpenedViews views;
    private final Supplier<String> collection;

    @Autowired
    CaseViewProjection(MongoTemplate mongo, OpenedViews views, ProjectionVersions versions) {
        this(mongo, views, () -> versions.currentCollection(NAME, COLLECTION));
    }

    private CaseViewProjection(MongoTemplate mongo, OpenedViews views, Supplier<String> collection) {
        this.mongo = mongo;
        this.views = views;
        this.collection = collection;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String baseCollection() {
        return COLLECTION;
    }

    @Override
    public Object handlerFor(String target) {
        return new CaseViewProjection(mongo, views, () -> target);
    }

    @EventHandler
    void on(CaseOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document view = views.document(new CaseView(event.caseId().toString(), sequence,
                event.openingOrganisationId(), null, List.of(), event.detectingSector(), event.screenedAt(),
                event.location(), null, CaseStage.POTENTIAL_VICTIM, false, List.of(), null, null,
                null, Map.of(), null, null, at, at, false));
        // personal fields stay sealed as the event holds them (opened when read: OpenedViews)
        view.put("dataSubject", views.document(event.dataSubject()));
        try {
            mongo.insert(view, collection.get());
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the view exists already
        }
    }

    @EventHandler
    void on(IndicatorAssessmentRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update().push("assessments",
                new CaseView.Assessment(event.assessmentId().toString(), event.indicatorSetId(), event.assessedAt(),
                        event.result())));
    }

    @EventHandler
    void on(PresumedVictimFlagged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update()
                .set("stage", CaseStage.PRESUMED_VICTIM)
                .set("presumedVictimGrounds", OpenedViews.sealed(event.grounds()))
                .set(CaseAccess.RESPONSIBLE_FIELD, event.responsibleOrganisationId()));
    }

    @EventHandler
    void on(IdentificationDecided event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update()
                .set("stage", event.outcome() == IdentificationOutcome.IDENTIFIED ? CaseStage.IDENTIFIED_VICTIM
                        : CaseStage.NOT_IDENTIFIED)
                .set("identification", views.document(new CaseView.Identification(event.outcome(), null,
                        event.typesOfExploitation(), event.methodsOfControl(), at))
                        .append("reasons", OpenedViews.sealed(event.reasons()))));
    }

    @EventHandler
    void on(GuardianAppointed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update().set("guardian",
                views.document(new CaseView.Guardian(null, event.guardianOrganisation(), event.appointedOn()))
                        .append("name", OpenedViews.sealed(event.guardianName()))));
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update().set("consents." + event.consentId(),
                new CaseView.Consent(event.givenBy(), event.purposes(), event.serviceTypes(),
                        event.recipientOrganisationId(), true, at, null)));
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String consent = "consents." + event.consentId();
        apply(event.caseId().toString(), sequence, at, new Update()
                .set(consent + ".active", false)
                .set(consent + ".withdrawnAt", at));
    }

    @EventHandler
    void on(ReflectionPeriodStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update().set("reflectionPeriod",
                new CaseView.ReflectionPeriod(event.startDate(), event.legalEndDate(), event.legalBasis())));
    }

    @EventHandler
    void on(CaseClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update()
                .set("closed", true)
                .set("closure", views.document(new CaseView.Closure(event.reason(), null, at))
                        .append("note", OpenedViews.sealed(event.note()))));
    }

    @EventHandler
    void on(SubjectErased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update().set("erased", true));
    }

    // Referrals are referral-service's events, in the same stream: they only change which provider may
    // see the case. Adding (addToSet) and removing a referral are idempotent, so no version guard is needed.

    @EventHandler
    void on(ReferralRequested event) {
        referrals(event.caseId(), new Update().addToSet(ACTIVE_REFERRALS, new CaseView.ActiveReferral(
                event.referralId().toString(), event.providerOrganisationId())));
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
        referrals(caseId, new Update().pull(ACTIVE_REFERRALS, query(where("referralId").is(referralId.toString()))));
    }

    private void referrals(UUID caseId, Update update) {
        mongo.updateFirst(query(where("_id").is(caseId.toString())), update, collection.get());
    }

    /**
     * Looks the view up by {@code _id} alone, then updates it by {@code _id} alone: the embedded server uses
     * an index only for a query on exactly the index's fields, so {@code _id} plus a version condition
     * scanned the whole collection for every event and made a rebuild quadratic in the number of cases.
     * Reading first is safe because one processor (one segment) writes each version's collection.
     */
    private void apply(String caseId, long sequence, Instant at, Update update) {
        String target = collection.get();
        Query stored = query(where("_id").is(caseId));
        stored.fields().include("version");
        Document view = mongo.findOne(stored, Document.class, target);
        if (view == null || ((Number) view.get("version")).longValue() >= sequence) {
            return;
        }
        mongo.updateFirst(query(where("_id").is(caseId)),
                update.set("version", sequence).set("lastChangedAt", at), target);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(collection.get());
    }
}
