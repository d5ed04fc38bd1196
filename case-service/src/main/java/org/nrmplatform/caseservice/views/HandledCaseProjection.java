package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.cases.CaseFile;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.caseservice.projections.StoredCaseFiles;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagLifted;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagRaised;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.PossibleMatchDismissed;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SamePersonLinked;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The views of the professionals who handle a case (the first-line professional, the identification
 * authority, the case manager) and of the service provider it is referred to, kept up to date from case
 * events, each in a collection of its own: one subclass per actor type, with its own processing group,
 * writing only the fields of its record ({@link CaseView.FirstLineCase}, {@link CaseView.IdentificationCase},
 * the whole {@link CaseView}, {@link CaseView.ReferredCase}) and those named besides (the active referrals). Every
 * write keeps to the record's fields, so a field outside the actor's record never reaches its collection
 * and a read cannot reveal it. What a case event means is not written here: the stored values are those of
 * {@link CaseFile}, the one fold of a case's events, which the aggregate and time travel use too.
 * Personal fields are stored sealed as the events hold them; {@link OpenedViews} opens them when read.
 *
 * <p>Each view lives in the collection of its current version (see {@link ProjectionVersions}); a rebuild
 * runs a copy bound to the next version's collection ({@link RebuildableProjection}). Events may be
 * delivered again (after a crash between a write and the token update); each update applies only if the
 * stored view is older than the event, so a repeat changes nothing. Every view carries the case's version
 * (for If-Match) and the organisation fields that decide, with {@link CaseAccess}, which cases an actor
 * sees. Queries: {@link CaseViewQueries}.
 */
abstract class HandledCaseProjection extends RebuildableProjection {

    static final String ACTIVE_REFERRALS = "activeReferrals";
    private static final String VERSION = "version";

    private final MongoTemplate mongo;
    private final Set<String> fields;

    HandledCaseProjection(MongoTemplate mongo, ProjectionVersions versions, String baseCollection,
                          Class<? extends Record> view, String... alsoStored) {
        super(mongo, versions, baseCollection);
        this.mongo = mongo;
        Set<String> stored = new HashSet<>(fieldsOf(view));
        stored.addAll(List.of(alsoStored));
        this.fields = Set.copyOf(stored);
    }

    /** The top-level fields a view's documents may hold: its record's components, {@code id} as {@code _id}. */
    static Set<String> fieldsOf(Class<? extends Record> view) {
        return Arrays.stream(view.getRecordComponents())
                .map(component -> component.getName().equals("id") ? "_id" : component.getName())
                .collect(Collectors.toUnmodifiableSet());
    }

    @EventHandler
    void on(CaseOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // personal fields stay sealed as the event holds them (opened when read: OpenedViews)
        Document document = document(CaseFile.opened(event, new CaseFile.EventMeta(sequence, at)));
        document.put(ACTIVE_REFERRALS, List.of());
        document.keySet().retainAll(fields);
        try {
            mongo.insert(document, target());
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery: the view exists already
        }
    }

    @EventHandler
    void on(IndicatorAssessmentRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    /** Changes no field of a view, only the case's version (If-Match). */
    @EventHandler
    void on(CaseRegisteredInEmergency event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(PresumedVictimFlagged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(IdentificationDecided event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(GuardianAppointed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(ReflectionPeriodStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(CaseClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(SubjectErased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(CaseFlagRaised event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(CaseFlagLifted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    // a match decision changes no field of a view, only the case's version (If-Match)
    @EventHandler
    void on(SamePersonLinked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(PossibleMatchDismissed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
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
        referrals(event.caseId(), new Update().addToSet(ACTIVE_REFERRALS, document(new CaseView.ActiveReferral(
                event.referralId().toString(), event.providerOrganisationId()))));
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
            mongo.updateFirst(query(where("_id").is(caseId.toString())), new BasicUpdate(kept), target());
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
     * Folds {@code event} into the stored view with the case's one fold, {@link CaseFile#apply}: the stored
     * view is read back as the file it was written from (less the fields outside this actor's record, which
     * no field of the record depends on), and the record's fields that the event changed are set.
     * Looks the view up by {@code _id} alone, then updates it by {@code _id} alone: the embedded server uses
     * an index only for a query on exactly the index's fields, so {@code _id} plus a version condition
     * scanned the whole collection for every event and made a rebuild quadratic in the number of cases.
     * Reading first is safe because one processor (one segment) writes each version's collection. A view
     * without the case's version (the provider's) takes each event: its fields are set to what the event
     * makes them, so a repeated event writes the same values again.
     */
    private void fold(UUID caseId, Object event, long sequence, Instant at) {
        String target = target();
        Document view = mongo.findById(caseId.toString(), Document.class, target);
        if (view == null || fields.contains(VERSION) && ((Number) view.get(VERSION)).longValue() >= sequence) {
            return;
        }
        CaseFile before = StoredCaseFiles.read(mongo.getConverter(), view);
        Document after = document(before.apply(event, new CaseFile.EventMeta(sequence, at)));
        Document changed = new Document();
        after.forEach((field, value) -> {
            if (fields.contains(field) && !field.equals("_id") && !Objects.equals(value, view.get(field))) {
                changed.put(field, value);
            }
        });
        if (changed.isEmpty()) {
            return; // nothing of this actor's record changed (a consent in the provider's view, say)
        }
        mongo.updateFirst(query(where("_id").is(caseId.toString())), new BasicUpdate(new Document("$set", changed)),
                target);
    }
}
