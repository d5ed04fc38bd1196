package org.nrmplatform.identityservice.signin;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of web's test class of the same name (the two modules share no test code; keep them the same).
 * Serbian Latin to Serbian Cyrillic, letter for letter (the two scripts map one to one, lj, nj and dž being single
 * letters). What is not Serbian stays in Latin letters: acronyms (PDF, NRM), words with letters Serbian lacks,
 * file names and options of a command, English names
 * (three capitalised words or more) and English quoted in straight quotes, and the {@code choice} of a message
 * pattern.
 */
final class SerbianScript {

    private static final Pattern KEPT = Pattern.compile("\\{\\d+,choice,|\\b[A-Z][a-z]+(?: [A-Z][a-z]+){2,}\\b|\"[ -~]*\"|\\S*[A-Za-z]\\.[A-Za-z]\\S*|--\\S+"
            + "|-jar\\b|\\bjava\\b|\\b\\w*[A-Z]\\w*[A-Z]\\w*\\b|\\b\\w*[QWXYqwxy]\\w*\\b");
    private static final Map<String, String> DIGRAPHS = Map.of("Lj", "Љ", "LJ", "Љ", "lj", "љ", "Nj", "Њ", "NJ", "Њ",
            "nj", "њ", "Dž", "Џ", "DŽ", "Џ", "dž", "џ");
    private static final String LATIN = "ABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽabcčćdđefghijklmnoprsštuvzž";
    private static final String CYRILLIC = "АБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖабцчћдђефгхијклмнопрсштувзж";

    private SerbianScript() {
    }

    static String toCyrillic(String latin) {
        StringBuilder cyrillic = new StringBuilder();
        Matcher kept = KEPT.matcher(latin);
        int from = 0;
        while (kept.find()) {
            cyrillic.append(letters(latin.substring(from, kept.start()))).append(kept.group());
            from = kept.end();
        }
        return cyrillic.append(letters(latin.substring(from))).toString();
    }

    private static String letters(String latin) {
        StringBuilder cyrillic = new StringBuilder();
        for (int i = 0; i < latin.length(); i++) {
            String pair = i + 1 < latin.length() ? latin.substring(i, i + 2) : "";
            if (DIGRAPHS.containsKey(pair)) {
                cyrillic.append(DIGRAPHS.get(pair));
                i++;
                continue;
            }
            int letter = LATIN.indexOf(latin.charAt(i));
            cyrillic.append(letter >= 0 ? CYRILLIC.charAt(letter) : latin.charAt(i));
        }
        return cyrillic.toString();
    }
}
