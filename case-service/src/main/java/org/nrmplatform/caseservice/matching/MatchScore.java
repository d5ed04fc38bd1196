package org.nrmplatform.caseservice.matching;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How alike two persons of the index are, from digests only: equal digests are equal values, nothing more can
 * be told (not how far apart two dates are). Each field adds its weight when it agrees and takes some away when
 * both persons have it and it disagrees; a field one of them lacks counts nothing. The weights follow how much an
 * agreement tells: a family name or a date of birth is rarer than a given name, sex is shared by half of all
 * people. The names count in the order recorded or swapped, whichever scores higher (a given name recorded as
 * the family name).
 */
final class MatchScore {

    static final double FAMILY_NAME = 4.0;
    static final double FAMILY_NAME_SOUND = 2.5;
    static final double FAMILY_NAME_DIFFERS = -1.0; // may have changed (marriage), so only a little
    static final double GIVEN_NAME = 3.0;
    static final double GIVEN_NAME_SOUND = 2.0;
    static final double GIVEN_NAME_DIFFERS = -2.0;
    static final double BIRTH_DATE = 4.0;
    static final double BIRTH_YEAR_ONLY = 1.0; // same year, another day: a slip in day or month
    static final double BIRTH_YEAR_DIFFERS = -3.0;
    static final double SEX = 0.5;
    static final double SEX_DIFFERS = -2.0;
    static final double CITIZENSHIP = 1.0;
    static final double CITIZENSHIP_DIFFERS = -1.0;

    private MatchScore() {
    }

    static double of(BlindIndex a, BlindIndex b) {
        double recorded = name(a.familyNames(), a.familySounds(), b.familyNames(), b.familySounds(), FAMILY_NAME,
                FAMILY_NAME_SOUND, FAMILY_NAME_DIFFERS)
                + name(a.givenNames(), a.givenSounds(), b.givenNames(), b.givenSounds(), GIVEN_NAME,
                GIVEN_NAME_SOUND, GIVEN_NAME_DIFFERS);
        double swapped = name(a.familyNames(), a.familySounds(), b.givenNames(), b.givenSounds(), FAMILY_NAME,
                FAMILY_NAME_SOUND, FAMILY_NAME_DIFFERS)
                + name(a.givenNames(), a.givenSounds(), b.familyNames(), b.familySounds(), GIVEN_NAME,
                GIVEN_NAME_SOUND, GIVEN_NAME_DIFFERS);
        return Math.max(recorded, swapped) + birth(a, b) + sex(a, b) + citizenship(a, b);
    }

    private static double name(List<String> words, List<String> sounds, List<String> otherWords,
                               List<String> otherSounds, double same, double sounding, double differs) {
        if (words.isEmpty() || otherWords.isEmpty()) {
            return 0;
        }
        if (!Collections.disjoint(words, otherWords)) {
            return same;
        }
        return Collections.disjoint(sounds, otherSounds) ? differs : sounding;
    }

    private static double birth(BlindIndex a, BlindIndex b) {
        if (a.birthDate() == null || b.birthDate() == null) {
            return 0;
        }
        if (a.birthDate().equals(b.birthDate())) {
            return BIRTH_DATE;
        }
        return Objects.equals(a.birthYear(), b.birthYear()) ? BIRTH_YEAR_ONLY : BIRTH_YEAR_DIFFERS;
    }

    private static double sex(BlindIndex a, BlindIndex b) {
        if (a.sex() == null || b.sex() == null) {
            return 0;
        }
        return a.sex().equals(b.sex()) ? SEX : SEX_DIFFERS;
    }

    private static double citizenship(BlindIndex a, BlindIndex b) {
        if (a.citizenship().isEmpty() || b.citizenship().isEmpty()) {
            return 0;
        }
        return Collections.disjoint(a.citizenship(), b.citizenship()) ? CITIZENSHIP_DIFFERS : CITIZENSHIP;
    }
}
