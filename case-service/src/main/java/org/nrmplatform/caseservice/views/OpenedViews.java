package org.nrmplatform.caseservice.views;

import java.time.LocalDate;
import java.util.Map;
import org.bson.Document;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The case views store personal fields as the events hold them, sealed; this opens a stored view for an
 * answer (and writes sealed values and views into documents for the projections). A view of an erased subject
 * opens with those fields null and {@code erased: true}.
 */
@Component
public class OpenedViews {

    /** Where the case views (and the provider's view, a subset) keep sealed values. */
    static final Map<String, PersonalField> CASE_VIEW_FIELDS = Map.of(
            "dataSubject.givenName", PersonalField.GIVEN_NAME,
            "dataSubject.familyName", PersonalField.FAMILY_NAME,
            "dataSubject.dateOfBirth", PersonalField.DATE_OF_BIRTH,
            "presumedVictimGrounds", PersonalField.PRESUMED_VICTIM_GROUNDS,
            "identification.reasons", PersonalField.IDENTIFICATION_REASONS,
            "guardian.name", PersonalField.GUARDIAN_NAME,
            "closure.note", PersonalField.CLOSURE_NOTE,
            "flags.reason", PersonalField.FLAG_REASON);

    private final MongoTemplate mongo;
    private final PersonalData personalData;

    OpenedViews(MongoTemplate mongo, PersonalData personalData) {
        this.mongo = mongo;
        this.personalData = personalData;
    }

    public PersonalData.Reading reading() {
        return personalData.reading();
    }

    /** A stored view, opened, as {@code type}; null for null. */
    <T> T open(Document stored, Class<T> type, PersonalData.Reading reading) {
        if (stored == null) {
            return null;
        }
        PersonalData.OpenedPayload opened = reading.openTree(stored, path -> {
            PersonalField field = CASE_VIEW_FIELDS.get(path);
            if (field == null) {
                throw new IllegalStateException("a sealed value at " + path + " of a case view, which is no "
                        + "personal field of the views");
            }
            return field;
        });
        Document document = (Document) opened.payload();
        if (document.get("dataSubject") instanceof Document subject
                && subject.get("dateOfBirth") instanceof String dateOfBirth) {
            subject.put("dateOfBirth", LocalDate.parse(dateOfBirth));
        }
        // stored true by the projections once they see SubjectErased; true at once when the key is gone
        document.put("erased", opened.erased() || Boolean.TRUE.equals(document.get("erased")));
        return mongo.getConverter().read(type, document);
    }

    /** A value as a document of the views, without Spring Data's type hint. */
    Document document(Object value) {
        Document document = new Document();
        mongo.getConverter().write(value, document);
        document.remove("_class");
        return document;
    }

    /** A sealed value as the views store it; null stays null. */
    static Document sealed(Sealed value) {
        return value == null ? null
                : new Document("subjectId", value.subjectId()).append("ciphertext", value.ciphertext());
    }
}
