package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The views of the professionals who handle a case (the first-line professional, the identification
 * authority, the case manager), kept up to date from case events, each in a collection of its own: one
 * subclass per actor type, with its own processing group, writing only the fields of its record
 * ({@link CaseView.FirstLineCase}, {@link CaseView.IdentificationCase}, the whole {@link CaseView}). Every
 * write passes through {@link #kept}, so a field outside the actor's record never reaches its collection
 * and a read cannot reveal it. The data subject's fields are written in one place, {@code on(CaseOpened)}.
 * Personal fields are stored sealed as the events hold them; {@link OpenedViews} opens them when read.
 *
 * <p>Each view lives in the collection of its current version (see {@link ProjectionVersions}); a rebuild
 * runs a second instance bound to the next version's collection ({@link #handlerFor}). Events may be
 * delivered again (after a crash between a write and the token update); each update applies only if the
 * stored view is older than the event, so a repeat changes nothing. Every view carries the case's version
 * (for If-Match) and the organisation fields that decide, with {@link CaseAccess}, which cases an actor
 * sees. Queries: {@link CaseViewQueries}.
 */
abstract class HandledCaseProjection implements RebuildableProjection {

    private static final String ACTIVE_REFERRALS = "activeReferrals";

    private final MongoTemplate mongo;
    private final Supplier<String> collection;
    private final Set<String> fields;

    HandledCaseProjection(MongoTemplate mongo, Supplier<String> collection, Class<? extends Record> view) {
        this.mongo = mongo;
        this.collection = collection;
        this.fields = fieldsOf(view);
    }

    /** The top-level fields a view's documents may hold: its record's components, {@code id} as {@code _id}. */
    static Set<String> fieldsOf(Class<? extends Record> view) {
        return Arrays.stream(view.getRecordComponents())
                .map(component -> component.getName().equals("id") ? "_id" : component.getName())
                .collect(Collectors.toUnmodifiableSet());
    }

    MongoTemplate mongo() {
        return mongo;
    }

    @EventHandler
    void on(CaseOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document document = document(new CaseView(event.caseId().toString(), sequence,
                event.openingOrganisationId(), null, List.of(), event.detectingSector(), event.screenedAt(),
                event.location(), null, CaseStage.POTENTIAL_VICTIM, false, List.of(), null, null,
                null, Map.of(), null, null, at, at, false));
        // personal fields stay sealed as the event holds them (opened when read: OpenedViews)
        document.put("dataSubject", document(event.dataSubject()));
        document.keySet().retainAll(fields);
        try {
            mongo.insert(document, collection.get());
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
                .set(ScopeCriteria.RESPONSIBLE_FIELD, event.responsibleOrganisationId()));
    }

    @EventHandler
    void on(IdentificationDecided event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update()
                .set("stage", event.outcome() == IdentificationOutcome.IDENTIFIED ? CaseStage.IDENTIFIED_VICTIM
                        : CaseStage.NOT_IDENTIFIED)
                .set("identification", document(new CaseView.Identification(event.outcome(), null,
                        event.typesOfExploitation(), event.methodsOfControl(), at))
                        .append("reasons", OpenedViews.sealed(event.reasons()))));
    }

    @EventHandler
    void on(GuardianAppointed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update().set("guardian",
                document(new CaseView.Guardian(null, event.guardianOrganisation(), event.appointedOn()))
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
                .set("closure", document(new CaseView.Closure(event.reason(), null, at))
                        .append("note", OpenedViews.sealed(event.note()))));
    }

    @EventHandler
    void on(SubjectErased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.caseId().toString(), sequence, at, new Update().set("erased", true));
    }

    /** A value as a document of the views, without Spring Data's type hint. */
    private Document document(Object value) {
        Document document = new Document();
        mongo.getConverter().write(value, document);
        document.remove("_class");
        return document;
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
        Document kept = kept(update);
        if (!kept.isEmpty()) {
            mongo.updateFirst(query(where("_id").is(caseId.toString())), new BasicUpdate(kept), collection.get());
        }
    }

    /** The part of {@code update} that touches this view's fields; the rest is not this actor's to see. */
    private Document kept(Update update) {
        Document kept = new Document();
        update.getUpdateObject().forEach((operator, paths) -> {
            Document ofThisView = new Document();
            ((Map<?, ?>) paths).forEach((path, value) -> {
                if (fields.contains(path.toString().split("\\.", 2)[0])) {
                    ofThisView.put(path.toString(), value);
                }
            });
            if (!ofThisView.isEmpty()) {
                kept.put(operator, ofThisView);
            }
        });
        return kept;
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
        Document kept = kept(update);
        ((Document) kept.computeIfAbsent("$set", operator -> new Document()))
                .append("version", sequence).append("lastChangedAt", at);
        mongo.updateFirst(query(where("_id").is(caseId)), new BasicUpdate(kept), target);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(collection.get());
    }
}
