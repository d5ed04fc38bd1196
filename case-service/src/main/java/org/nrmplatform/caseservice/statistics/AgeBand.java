package org.nrmplatform.caseservice.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import org.nrmplatform.caseservice.cases.CaseFile;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;

/**
 * The age at screening in CTDC's {@code ageBroad} bands (written as CTDC writes them, "0--8"), so that
 * the export merges with CTDC's data. Without a date of birth only the age category is known: CHILD or
 * ADULT. Once the data subject is erased the band is {@value #ERASED}: computed from the date of birth, it is
 * erased with it.
 */
final class AgeBand {

    static final String ERASED = "Erased";

    private static final int[] LOWER_BOUNDS = {0, 9, 18, 21, 24, 27, 30, 39, 48};

    private AgeBand() {
    }

    /** The band of a case's subject at screening, the date of birth opened only for it; {@link #ERASED} once erased. */
    static String atScreening(CaseFile file, PersonalData personalData) {
        SealedDataSubject subject = file.dataSubject();
        PersonalData.Reading reading = personalData.reading();
        LocalDate dateOfBirth = reading.openDate(subject.dateOfBirth(), PersonalField.DATE_OF_BIRTH);
        return reading.erased() ? ERASED : of(dateOfBirth, file.screenedAt(), subject.ageCategory());
    }

    static String of(LocalDate dateOfBirth, Instant screenedAt, AgeCategory category) {
        if (dateOfBirth == null || screenedAt == null) {
            return category == null ? "Unknown" : category.name();
        }
        int age = Period.between(dateOfBirth, screenedAt.atZone(ZoneOffset.UTC).toLocalDate()).getYears();
        for (int i = LOWER_BOUNDS.length - 1; i >= 0; i--) {
            if (age >= LOWER_BOUNDS[i]) {
                return i == LOWER_BOUNDS.length - 1 ? LOWER_BOUNDS[i] + "+"
                        : LOWER_BOUNDS[i] + "--" + (LOWER_BOUNDS[i + 1] - 1);
            }
        }
        return "Unknown";
    }
}
