package org.nrmplatform.shared.testing;

import java.util.Map;

/**
 * Serbian Latin to Cyrillic, letter for letter (lj, nj and dž are one letter each): the sr-Cyrl label files are
 * this transliteration of the sr-Latn ones, which the label tests check.
 */
public final class SerbianCyrillic {

    private static final String LATIN = "A B C Č Ć D DŽ Đ E F G H I J K L LJ M N NJ O P R S Š T U V Z Ž";
    private static final String CYRILLIC = "А Б Ц Ч Ћ Д Џ Ђ Е Ф Г Х И Ј К Л Љ М Н Њ О П Р С Ш Т У В З Ж";
    private static final Map<String, String> LETTERS = letters();

    private SerbianCyrillic() {
    }

    private static Map<String, String> letters() {
        String[] latin = LATIN.split(" ");
        String[] cyrillic = CYRILLIC.split(" ");
        Map<String, String> letters = new java.util.HashMap<>();
        for (int i = 0; i < latin.length; i++) {
            letters.put(latin[i], cyrillic[i]);
            letters.put(latin[i].toLowerCase(), cyrillic[i].toLowerCase());
            if (latin[i].length() == 2) {
                letters.put(latin[i].charAt(0) + latin[i].substring(1).toLowerCase(), cyrillic[i]); // Lj, Nj, Dž
            }
        }
        return Map.copyOf(letters);
    }

    public static String of(String latin) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < latin.length()) {
            String pair = i + 2 <= latin.length() ? LETTERS.get(latin.substring(i, i + 2)) : null;
            if (pair != null) {
                out.append(pair);
                i += 2;
            } else {
                String letter = latin.substring(i, i + 1);
                out.append(LETTERS.getOrDefault(letter, letter));
                i++;
            }
        }
        return out.toString();
    }
}
