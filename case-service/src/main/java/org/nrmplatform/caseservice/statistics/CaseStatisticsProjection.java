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
import org.axonframework.eventhandling.Timestamp;
import org.nrmplatform.caseservice.projections.ProjectionVersions;
import org.nrmplatform.caseservice.projections.RebuildableProjection;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the monitor's view, {@value CaseFacts#COLLECTION} (version 1; see {@link ProjectionVersions}): the
 * anonymised facts of each case, from case events and from referral-service's referral events in the same
 * stream. Every update sets values (upsert), so a repeated delivery writes the same values again; case and
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
    void on(CaseOpened event) {
        SealedDataSubject subject = event.dataSubject();
        PersonalData.Reading reading = personalData.reading();
        var dateOfBirth = reading.openDate(subject.dateOfBirth(), PersonalField.DATE_OF_BIRTH);
        update(event.caseId(), new Update()
                .set("stage", CaseStage.POTENTIAL_VICTIM)
                .set("closed", false)
                .set("sex", subject.sex())
                .set("ageBand", reading.erased() ? AgeBand.ERASED
                        : AgeBand.of(dateOfBirth, event.screenedAt(), subject.ageCategory()))
                .set("citizenship", subject.citizenship() == null ? List.of() : List.copyOf(subject.citizenship()))
                .set("country", event.location() == null ? null : event.location().country())
                .set("detectingSector", event.detectingSector())
                .set("year", event.screenedAt().atZone(ZoneOffset.UTC).getYear())
                .set("screenedAt", event.screenedAt()));
    }

    @EventHandler
    void on(PresumedVictimFlagged event) {
        update(event.caseId(), new Update().set("stage", CaseStage.PRESUMED_VICTIM));
    }

    @EventHandler
    void on(IdentificationDecided event, @Timestamp Instant at) {
        update(event.caseId(), new Update()
                .set("stage", event.outcome() == IdentificationOutcome.IDENTIFIED ? CaseStage.IDENTIFIED_VICTIM
                        : CaseStage.NOT_IDENTIFIED)
                .set("typesOfExploitation", List.copyOf(event.typesOfExploitation()))
                .set("methodsOfControl", List.copyOf(event.methodsOfControl()))
                .set("identificationDecidedAt", at));
    }

    @EventHandler
    void on(CaseClosed event) {
        update(event.caseId(), new Update().set("closed", true));
    }

    @EventHandler
    void on(SubjectErased event) {
        update(event.caseId(), new Update().set("ageBand", AgeBand.ERASED));
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
