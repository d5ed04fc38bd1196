package org.nrmplatform.web.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every text of the pages exists in every offered language, under the file name Java looks for ({@code sr-Cyrl}
 * in {@code messages_sr_Cyrl}), with the same placeholders as the English, and nothing the English lacks; the
 * Serbian Cyrillic stays the letter-for-letter transliteration of the Serbian Latin.
 */
class MessageBundlesTest {

    static Stream<Locale> translations() {
        return Languages.OFFERED.stream().filter(locale -> !locale.equals(Locale.ENGLISH));
    }

    @ParameterizedTest
    @MethodSource("translations")
    void everyTextIsTranslatedAndNoOtherIsAdded(Locale language) throws IOException {
        Properties english = bundle(Locale.ROOT);
        Properties translated = bundle(language);

        assertThat(new TreeSet<>(translated.stringPropertyNames())).as("keys of %s", language.toLanguageTag())
                .containsExactlyElementsOf(new TreeSet<>(english.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            assertThat(translated.getProperty(key)).as("%s in %s", key, language.toLanguageTag()).isNotBlank();
            assertThat(placeholders(translated.getProperty(key))).as("placeholders of %s in %s", key,
                    language.toLanguageTag()).isEqualTo(placeholders(english.getProperty(key)));
            if (!placeholders(english.getProperty(key)).isEmpty()) {
                new MessageFormat(translated.getProperty(key), language); // a broken pattern throws here
            } else if (key.startsWith("problem.")) {
                // formatted with the status whether they name it or not: an apostrophe must not get lost
                assertThat(new MessageFormat(translated.getProperty(key), language).format(new Object[] {503}))
                        .as("%s in %s", key, language.toLanguageTag()).isEqualTo(translated.getProperty(key));
            }
        }
    }

    /** The pages resolve each language to its own file, not to a neighbour's or to the English. */
    @ParameterizedTest
    @MethodSource("translations")
    void thePagesFindEachLanguagesOwnFile(Locale language) throws IOException {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);

        assertThat(messages.getMessage("signedOut.body", null, language))
                .isEqualTo(bundle(language).getProperty("signedOut.body"))
                .isNotEqualTo(bundle(Locale.ROOT).getProperty("signedOut.body"));
    }

    @Test
    void theSerbianCyrillicIsTheTransliterationOfTheSerbianLatin() throws IOException {
        Properties latin = bundle(Locale.forLanguageTag("sr-Latn"));
        Properties cyrillic = bundle(Locale.forLanguageTag("sr-Cyrl"));
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        for (String key : latin.stringPropertyNames()) {
            expected.put(key, SerbianScript.toCyrillic(latin.getProperty(key)));
            actual.put(key, cyrillic.getProperty(key));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(cyrillic.getProperty("nav.signOut")).isEqualTo("Одјава");
    }

    /** Each translation says who made it and that a native speaker must review it. */
    @ParameterizedTest
    @MethodSource("translations")
    void eachTranslationNamesItsTranslatorAndAsksForReview(Locale language) throws IOException {
        String text;
        try (InputStream file = open(language)) {
            text = new String(file.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).contains("Translated by:").contains("NEEDS A NATIVE SPEAKER'S REVIEW");
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\{(\\d+)[^}]*}").matcher(message);
        while (placeholder.find()) {
            found.add(placeholder.group(1));
        }
        return found;
    }

    private static Properties bundle(Locale language) throws IOException {
        Properties properties = new Properties();
        try (InputStream file = open(language)) {
            properties.load(new InputStreamReader(file, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static InputStream open(Locale language) {
        // the name Java's resource bundles look for: messages_sr_Cyrl for sr-Cyrl, messages_cnr for cnr
        String name = ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES)
                .toBundleName("messages", language) + ".properties";
        InputStream file = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(file).as(name).isNotNull();
        return file;
    }
}
