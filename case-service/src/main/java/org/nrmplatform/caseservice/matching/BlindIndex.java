package org.nrmplatform.caseservice.matching;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A person as the index keeps them: keyed digests only ({@link BlindIndexKey}). Names and their phonetic keys
 * are digested under one name whatever field they came from, so that a given name recorded as the family name
 * still compares equal; each field is kept apart to be scored.
 *
 * @param givenNames   the folded words of the given name
 * @param familyNames  the folded words of the family name
 * @param givenSounds  the phonetic keys of the given name's words
 * @param familySounds the phonetic keys of the family name's words
 * @param birthDate    the date of birth (null when not recorded)
 * @param birthYear    its year (null when not recorded)
 * @param sex          the HTCDS code (null when not recorded)
 * @param citizenship  the ISO codes
 */
record BlindIndex(List<String> givenNames, List<String> familyNames, List<String> givenSounds,
                  List<String> familySounds, String birthDate, String birthYear, String sex,
                  List<String> citizenship) {

    static final String NAME = "name";
    static final String SOUND = "name-sound";

    /** The index of a person from their clear data, which goes no further than this method. */
    static BlindIndex of(BlindIndexKey key, String givenName, String familyName, LocalDate dateOfBirth, String sex,
                         List<String> citizenship) {
        List<String> given = NameForms.folded(givenName);
        List<String> family = NameForms.folded(familyName);
        Function<String, String> name = value -> key.digest(NAME, value);
        Function<String, String> sound = value -> key.digest(SOUND, value);
        return new BlindIndex(given.stream().map(name).toList(), family.stream().map(name).toList(),
                NameForms.sounds(given).stream().map(sound).toList(),
                NameForms.sounds(family).stream().map(sound).toList(),
                dateOfBirth == null ? null : key.digest("birth-date", dateOfBirth.toString()),
                dateOfBirth == null ? null : key.digest("birth-year", Integer.toString(dateOfBirth.getYear())),
                sex == null || sex.isBlank() ? null : key.digest("sex", sex.trim().toLowerCase(Locale.ROOT)),
                citizenship == null ? List.of() : citizenship.stream()
                        .map(country -> key.digest("citizenship", country.trim().toUpperCase(Locale.ROOT))).toList());
    }

    /** The name digests to look candidates up by, of both fields. */
    List<String> allNames() {
        return java.util.stream.Stream.concat(givenNames.stream(), familyNames.stream()).distinct().toList();
    }

    List<String> allSounds() {
        return java.util.stream.Stream.concat(givenSounds.stream(), familySounds.stream()).distinct().toList();
    }
}
