package org.nrmplatform.shared.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;
import org.nrmplatform.shared.domain.RuleViolation;

/** Sealing and opening personal fields: only the right subject's key, for the right field, opens a value. */
class PersonalDataTest {

    private final InMemorySubjectKeys keys = new InMemorySubjectKeys();
    private final PersonalData personalData = new PersonalData(keys);
    private final UUID caseId = UUID.randomUUID();

    @Test
    void aSealedValueHoldsNoClearTextAndOpensForItsSubjectAndField() {
        Sealed sealed = personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana");
        assertThat(sealed.subjectId()).isEqualTo(caseId.toString());
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()))).doesNotContain("Ana");
        assertThat(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana")).as("a fresh nonce each time")
                .isNotEqualTo(sealed);

        PersonalData.Reading reading = personalData.reading();
        assertThat(reading.open(sealed, PersonalField.GIVEN_NAME)).isEqualTo("Ana");
        assertThat(reading.erased()).isFalse();
        assertThat(personalData.seal(caseId, PersonalField.GIVEN_NAME, (String) null)).isNull();
        assertThat(reading.openDate(personalData.seal(caseId, PersonalField.DATE_OF_BIRTH, LocalDate.of(2001, 2, 3)),
                PersonalField.DATE_OF_BIRTH)).isEqualTo(LocalDate.of(2001, 2, 3));
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        Sealed sealed = personalData.seal(caseId, PersonalField.CLOSURE_NOTE, "moved to Belgrade");
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;
        Sealed tampered = new Sealed(sealed.subjectId(), Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> personalData.reading().open(tampered, PersonalField.CLOSURE_NOTE))
                .isInstanceOf(PersonalData.DoesNotOpen.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> personalData.reading().open(new Sealed(caseId.toString(), "AAAA"),
                PersonalField.CLOSURE_NOTE)).isInstanceOf(PersonalData.DoesNotOpen.class);
    }

    @Test
    void aValuePresentedAsAnotherSubjectsOrAnotherFieldDoesNotOpen() {
        Sealed sealed = personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana");
        UUID otherCase = UUID.randomUUID();
        personalData.seal(otherCase, PersonalField.GIVEN_NAME, "Mila");
        assertThatThrownBy(() -> personalData.reading().open(new Sealed(otherCase.toString(), sealed.ciphertext()),
                PersonalField.GIVEN_NAME)).isInstanceOf(PersonalData.DoesNotOpen.class);
        assertThatThrownBy(() -> personalData.reading().open(sealed, PersonalField.FAMILY_NAME))
                .isInstanceOf(PersonalData.DoesNotOpen.class);
    }

    @Test
    void afterTheKeyIsDestroyedValuesOpenAsErasedAndNothingNewIsSealed() {
        Sealed sealed = personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana");
        keys.destroy(caseId.toString());

        PersonalData.Reading reading = personalData.reading();
        assertThat(reading.open(sealed, PersonalField.GIVEN_NAME)).isNull();
        assertThat(reading.erased()).isTrue();
        assertThat(personalData.erased(caseId.toString())).isTrue();
        assertThatThrownBy(() -> personalData.seal(caseId, PersonalField.CLOSURE_NOTE, "note"))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("erased");
    }

    @Test
    void aPayloadTreeOpensAtThePathsItsEventTypeLists() {
        Sealed name = personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana");
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("givenName", Map.of("subjectId", name.subjectId(), "ciphertext", name.ciphertext()));
        subject.put("sex", "Feminine");
        Map<String, Object> payload = Map.of("caseId", caseId.toString(), "dataSubject", subject);

        PersonalData.OpenedPayload opened = personalData.reading().openPayload("CaseOpened", payload);
        assertThat(opened.erased()).isFalse();
        assertThat(opened.payload()).extracting("dataSubject").isEqualTo(Map.of("givenName", "Ana", "sex", "Feminine"));
        assertThatThrownBy(() -> personalData.reading().openPayload("CaseClosed", payload))
                .hasMessageContaining("no PersonalField");

        keys.destroy(caseId.toString());
        PersonalData.OpenedPayload erased = personalData.reading().openPayload("CaseOpened", payload);
        assertThat(erased.erased()).isTrue();
        assertThat(erased.payload()).extracting("dataSubject").extracting("givenName").isNull();
    }

    @Test
    void aFieldRecordedInClearBeforeSealingReadsAsStoredUntilItsSubjectIsErased() {
        personalData.seal(caseId, PersonalField.GIVEN_NAME, "a key exists"); // as after the sealing migration
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("givenName", "Ana");
        subject.put("sex", "Feminine");
        Map<String, Object> payload = Map.of("caseId", caseId.toString(), "dataSubject", subject);

        PersonalData.OpenedPayload before = personalData.reading().openPayload("CaseOpened", payload);
        assertThat(before.erased()).isFalse();
        assertThat(before.payload()).extracting("dataSubject").extracting("givenName").isEqualTo("Ana");

        keys.destroy(caseId.toString());
        PersonalData.Reading reading = personalData.reading();
        PersonalData.OpenedPayload erased = reading.openPayload("CaseOpened", payload);
        assertThat(erased.erased()).isTrue();
        assertThat(reading.erased()).isTrue();
        assertThat(erased.payload()).extracting("dataSubject").extracting("givenName").isNull();
        assertThat(erased.payload()).extracting("dataSubject").extracting("sex").isEqualTo("Feminine");
    }
}
