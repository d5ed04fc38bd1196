package org.nrmplatform.caseservice.statistics;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.nrmplatform.caseservice.cases.CaseFile;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.caseservice.projections.StoredCaseFiles;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the monitor's view, {@value CaseFacts#COLLECTION} (version 1; see {@link ProjectionVersions}): the
 * anonymised facts of each case, from case events (what they mean for the case is {@link CaseFile}'s, the
 * one fold of them) and from referral-service's referral events in the same stream. Every update sets values (upsert), so a repeated delivery writes the same values again; case and
 * referral events touch different fields, so the two may be handled in different segments. Rebuildable
 * while serving like the case views; its readers hold its {@link #collection()}.
 * The date of birth is opened only to compute the age band when the case is opened, and never kept; once the
 * data subject is erased, the age band is {@value AgeBand#ERASED}.
 */
@Component
@ProcessingGroup(CaseStatisticsProjection.NAME)
class CaseStatisticsProjection extends RebuildableProjection {

    static final String NAME = "case-statistics";

    private final MongoTemplate mongo;
    private final PersonalData personalData;

    CaseStatisticsProjection(MongoTemplate mongo, PersonalData personalData, ProjectionVersions versions) {
        super(mongo, versions, CaseFacts.COLLECTION);
        this.mongo = mongo;
        this.personalData = personalData;
    }

    @EventHandler
    void on(CaseOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        CaseFile file = CaseFile.opened(event, new CaseFile.EventMeta(sequence, at));
        SealedDataSubject subject = file.dataSubject();
        Update update = new Update()
                .set("sex", subject.sex())
                .set("ageBand", AgeBand.atScreening(file, personalData))
                .set("citizenship", subject.citizenship() == null ? List.of() : List.copyOf(subject.citizenship()))
                .set("country", file.location() == null ? null : file.location().country())
                .set("detectingSector", file.detectingSector())
                .set("year", file.screenedAt().atZone(ZoneOffset.UTC).getYear())
                .set("screenedAt", file.screenedAt());
        factsOf(file).forEach(update::set);
        update(event.caseId(), update);
    }

    @EventHandler
    void on(CaseRegisteredInEmergency event) {
        update(event.caseId(), new Update().set("emergencySituationId", event.situationId().toString()));
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
    void on(CaseClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    @EventHandler
    void on(SubjectErased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
    }

    /**
     * Folds a case event with the case's one fold, {@link CaseFile#apply}: the stored facts are read back as
     * the file they were written from (less what the monitor may not keep, which no fact depends on), and
     * the facts the event changed are set.
     */
    private void fold(UUID caseId, Object event, long sequence, Instant at) {
        Update update = StoredCaseFiles.factsChanged(mongo.getConverter(),
                mongo.findById(hash(caseId), Document.class, target()), event, new CaseFile.EventMeta(sequence, at),
                CaseStatisticsProjection::factsOf);
        if (!update.getUpdateObject().isEmpty()) {
            update(caseId, update);
        }
    }

    /** What the monitor keeps of a case file besides the facts of its opening. */
    private static Document factsOf(CaseFile file) {
        Document facts = new Document("stage", file.stage()).append("closed", file.closed());
        if (file.identification() != null) {
            facts.append("typesOfExploitation", List.copyOf(file.identification().typesOfExploitation()))
                    .append("methodsOfControl", List.copyOf(file.identification().methodsOfControl()))
                    .append("identificationDecidedAt", file.identification().decidedAt());
        }
        if (file.erased()) {
            facts.append("ageBand", AgeBand.ERASED);
        }
        return facts;
    }

    @EventHandler
    void on(ReferralRequested event, @Timestamp Instant at) {
        update(event.caseId(), new Update().set(referral(event.referralId()) + ".requestedAt", at));
    }

    @EventHandler
    void on(ReferralAccepted event, @Timestamp Instant at) {
        update(event.caseId(), new Update().set(referral(event.referralId()) + ".answeredAt", at));
    }

    @EventHandler
    void on(ReferralDeclined event, @Timestamp Instant at) {
        update(event.caseId(), new Update().set(referral(event.referralId()) + ".answeredAt", at));
    }

    private void update(UUID caseId, Update update) {
        mongo.upsert(query(where("_id").is(hash(caseId))), update, target());
    }

    private static String referral(UUID referralId) {
        return "referrals." + hash(referralId);
    }

    /** A one-way key: the facts cannot be joined back to a case without already knowing its id. */
    static String hash(UUID id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
