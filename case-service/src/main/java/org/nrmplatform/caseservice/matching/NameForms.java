package org.nrmplatform.caseservice.matching;

import com.ibm.icu.text.Transliterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.codec.language.bm.NameType;
import org.apache.commons.codec.language.bm.PhoneticEngine;
import org.apache.commons.codec.language.bm.RuleType;

/**
 * The forms of a name that are compared, never stored in clear: each word folded to one script and no
 * diacritics ("Петровић", "Petrović" and "PETROVIC" are all "petrovic"), and the phonetic keys of each folded
 * word (Beider-Morse, approximate, which keeps spelling variants such as "Petrovich" together).
 */
final class NameForms {

    /**
     * First the Cyrillic letters that Serbian and Macedonian Latin spell with two letters, spelt so ("Љубица" as
     * "Ljubica", "Његош" as "Njegoš", "Џеко" as "Džeko", "Ѓорѓи" as "Gjorgji"): ICU's Cyrillic-Latin gives "ľ", "ň",
     * "d̂", "ǵ", "ḱ", "ẑ", whose diacritics would then go, leaving "Lubica", "Negos" and "Deko", names other than
     * their Latin spellings. Then any script to Latin (ICU's Cyrillic-Latin for the rest of Cyrillic: "ћ" to "ć",
     * "ђ" to "đ"), "đ" spelt "dj" as Serbian Latin without diacritics does ("Đorđević", "Djordjevic", "Ђорђевић"),
     * no diacritics, lower case.
     */
    private static final String FOLDING = "љ > lj ; Љ > Lj ; њ > nj ; Њ > Nj ; џ > dž ; Џ > Dž ; ѓ > gj ; Ѓ > Gj ; "
            + "ќ > kj ; Ќ > Kj ; ѕ > dz ; Ѕ > Dz ; :: Any-Latin ; đ > dj ; Đ > Dj ; :: Latin-ASCII ; :: Lower ;";

    /** ICU documents a transliterator as not safe for concurrent use: one per thread. */
    private static final ThreadLocal<Transliterator> FOLD = ThreadLocal.withInitial(() ->
            Transliterator.createFromRules("nrm-name-folding", FOLDING, Transliterator.FORWARD));

    /** Immutable and safe to share; names of any origin, approximate rules, the words of a name on their own. */
    private static final PhoneticEngine SOUNDS = new PhoneticEngine(NameType.GENERIC, RuleType.APPROX, false);

    private NameForms() {
    }

    /** The words of a name, folded; none for a missing or blank name. */
    static List<String> folded(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        for (String word : FOLD.get().transliterate(name).split("[^a-z]+")) {
            if (word.length() > 1) { // initials say too little to be compared
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /** The phonetic keys of folded words (each word has one or several). */
    static List<String> sounds(List<String> foldedWords) {
        Set<String> keys = new LinkedHashSet<>();
        for (String word : foldedWords) {
            for (String key : SOUNDS.encode(word).split("[|()\\-\\s]+")) {
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            }
        }
        return List.copyOf(keys);
    }
}
