package org.nrmplatform.referralservice.transnational;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The little a referral packet may disclose of the person a case is about, from {@code CaseOpened}: age
 * category, sex, citizenship and the year of birth, which is taken from the date of birth kept sealed as the
 * event holds it and opened only when a packet is issued. Names are never kept here.
 */
@Component
@ProcessingGroup(CaseSubjectProjection.PROCESSING_GROUP)
class CaseSubjectProjection {

    static final String PROCESSING_GROUP = "transnational-case-subjects";
    static final String COLLECTION = "transnational_case_subjects";

    record CaseSubject(@Id String caseId, AgeCategory ageCategory, String sex, List<String> citizenship,
                       Sealed dateOfBirth) {

        /** The year of birth, if known and not erased. */
        Integer yearOfBirth(PersonalData personalData) {
            LocalDate opened = personalData.reading().openDate(dateOfBirth, PersonalField.DATE_OF_BIRTH);
            return opened == null ? null : opened.getYear();
        }
    }

    private final MongoTemplate mongo;

    CaseSubjectProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(CaseOpened event) {
        var subject = event.dataSubject();
        try {
            mongo.insert(new CaseSubject(event.caseId().toString(), subject.ageCategory(), subject.sex(),
                    subject.citizenship() == null ? List.of() : List.copyOf(subject.citizenship()),
                    subject.dateOfBirth()), COLLECTION);
        } catch (DuplicateKeyException alreadyProjected) {
            // a repeated delivery
        }
    }

    Optional<CaseSubject> find(UUID caseId) {
        return Optional.ofNullable(mongo.findById(caseId.toString(), CaseSubject.class, COLLECTION));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(COLLECTION);
    }
}
