package org.nrmplatform.caseservice.statistics;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SamePersonLinked;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackGiven;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.AssistanceStepRecorded;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralReceived;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralSent;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the facts the NRM performance indicators are computed from, {@value IndicatorFacts#COLLECTION}
 * (version 1; rebuildable while serving, see {@link ProjectionVersions}): per case, what its own events mean
 * for it as {@link CaseFile} folds them, and the times of its referrals (referral-service's events), its
 * transnational referrals and the legal bases a prosecutor recorded, all in the one event store; per
 * transnational referral received from another NRM, when and for what. Every update sets values (or keeps the
 * earliest, or adds to a set), so a repeated delivery changes nothing; events of different streams touch
 * different fields. The date of birth is opened only to compute the age band, as the statistics do.
 */
@Component
@ProcessingGroup(CaseIndicatorsProjection.NAME)
class CaseIndicatorsProjection extends RebuildableProjection {

    static final String NAME = "case-indicators";

    private final MongoTemplate mongo;
    private final PersonalData personalData;

    CaseIndicatorsProjection(MongoTemplate mongo, PersonalData personalData, ProjectionVersions versions) {
        super(mongo, versions, IndicatorFacts.COLLECTION);
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
                .set("ageCategory", subject.ageCategory() == null ? null : subject.ageCategory().name())
                .set("citizenship", subject.citizenship() == null ? List.of() : List.copyOf(subject.citizenship()))
                .set("detectingSector", file.detectingSector())
                .set("municipality", file.location() == null ? null : file.location().municipality())
                .set("screenedAt", file.screenedAt());
        factsOf(file).forEach(update::set);
        update(hash(event.caseId()), update);
    }

    @EventHandler
    void on(PresumedVictimFlagged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fold(event.caseId(), event, sequence, at);
        // the first flag: a case flagged again (after a correction) keeps the time it first became one
        update(hash(event.caseId()), new Update().min("presumedVictimFlaggedAt", at));
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

    /** As the statistics fold: the stored facts read back as a file, the event applied, the changed facts set. */
    private void fold(UUID caseId, Object event, long sequence, Instant at) {
        Update update = StoredCaseFiles.factsChanged(mongo.getConverter(),
                mongo.findById(hash(caseId), Document.class, target()), event, new CaseFile.EventMeta(sequence, at),
                CaseIndicatorsProjection::factsOf);
        if (!update.getUpdateObject().isEmpty()) {
            update(hash(caseId), update);
        }
    }

    /** What the indicators keep of a case file besides the facts of its opening. */
    private static Document factsOf(CaseFile file) {
        Document facts = new Document("stage", file.stage());
        if (file.identification() != null) {
            facts.append("identified", file.identification().outcome() == IdentificationOutcome.IDENTIFIED)
                    .append("typesOfExploitation", List.copyOf(file.identification().typesOfExploitation()))
                    .append("identificationDecidedAt", file.identification().decidedAt());
        }
        if (file.reflectionPeriod() != null) {
            facts.append("reflectionPeriodStart", day(file.reflectionPeriod().startDate()))
                    .append("reflectionPeriodEnd", day(file.reflectionPeriod().legalEndDate()));
        }
        if (file.guardian() != null) {
            facts.append("guardianAppointedOn", day(file.guardian().appointedOn()));
        }
        if (file.closure() != null) {
            facts.append("closureReason", file.closure().reason()).append("closedAt", file.closure().closedAt());
        }
        if (file.erased()) {
            facts.append("ageBand", AgeBand.ERASED);
        }
        return facts;
    }

    private static Instant day(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Re-trafficking: the person of this case is linked as the same as that of an earlier case (screened before
     * it), closed by then. The link is recorded on both cases; only the later case's event counts.
     */
    @EventHandler
    void on(SamePersonLinked event, @Timestamp Instant at) {
        IndicatorFacts self = mongo.findById(hash(event.caseId()), IndicatorFacts.class, target());
        IndicatorFacts other = mongo.findById(hash(event.otherCaseId()), IndicatorFacts.class, target());
        if (self != null && other != null && self.screenedAt() != null && other.screenedAt() != null
                && other.closedAt() != null && other.screenedAt().isBefore(self.screenedAt())) {
            update(hash(event.caseId()), new Update().min("identifiedAgainAt", at));
        }
    }

    @EventHandler
    void on(ReferralRequested event, @Timestamp Instant at) {
        String referral = referral(event.referralId());
        update(hash(event.caseId()), new Update().set(referral + ".requestedAt", at)
                .set(referral + ".respondBy", event.respondBy()).set(referral + ".serviceType", event.serviceType()));
    }

    @EventHandler
    void on(ReferralAccepted event, @Timestamp Instant at) {
        String referral = referral(event.referralId());
        update(hash(event.caseId()), new Update().set(referral + ".answeredAt", at).set(referral + ".accepted", true));
    }

    @EventHandler
    void on(ReferralDeclined event, @Timestamp Instant at) {
        String referral = referral(event.referralId());
        update(hash(event.caseId()), new Update().set(referral + ".answeredAt", at).set(referral + ".accepted", false));
    }

    @EventHandler
    void on(ReferralCompleted event, @Timestamp Instant at) {
        update(hash(event.caseId()), new Update().set(referral(event.referralId()) + ".completedAt", at));
    }

    @EventHandler
    void on(AssistanceStepRecorded event) {
        update(hash(event.caseId()), new Update().addToSet("servicesReceived", event.serviceType()));
    }

    @EventHandler
    void on(LegalBasisRecorded event, @Timestamp Instant at) {
        update(hash(event.caseId()), new Update().min("legalBasisRecordedAt", at));
    }

    @EventHandler
    void on(TransnationalReferralSent event, @Timestamp Instant at) {
        String referral = "transnationalReferrals." + hash(event.transnationalReferralId());
        update(hash(event.caseId()), new Update().set(referral + ".sentAt", at)
                .set(referral + ".serviceType", event.serviceType()));
    }

    /** A referral from another NRM has no case here: it is kept on its own, under its hashed id. */
    @EventHandler
    void on(TransnationalReferralReceived event, @Timestamp Instant at) {
        update(hash(event.transnationalReferralId()), new Update().set("incoming", true).set("receivedAt", at)
                .set("serviceType", event.serviceType()));
    }

    /**
     * The person's feedback, counted without anything that tells whose: when, and the answer codes, opened here
     * (the comment never). Feedback of a case erased before it is counted is counted without its answers.
     */
    @EventHandler
    void on(FeedbackGiven event, @Timestamp Instant at) {
        PersonalData.Reading reading = personalData.reading();
        Document answers = new Document();
        event.answers().forEach(answer -> {
            String code = reading.open(answer.answer(), PersonalField.FEEDBACK_ANSWER);
            if (code != null) {
                answers.append(answer.question(), code);
            }
        });
        String feedback = "feedback." + hash(event.feedbackId());
        update(hash(event.caseId()), new Update().set(feedback + ".givenAt", at).set(feedback + ".answers", answers));
    }

    private void update(String key, Update update) {
        mongo.upsert(query(where("_id").is(key)), update, target());
    }

    private static String referral(UUID referralId) {
        return "referrals." + hash(referralId);
    }

    private static String hash(UUID id) {
        return CaseStatisticsProjection.hash(id);
    }
}
