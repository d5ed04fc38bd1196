package org.nrmplatform.identityservice.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
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
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every text of the sign-in page exists in every language the platform speaks, under the file name Java looks for
 * ({@code sr-Cyrl} in {@code messages_sr_Cyrl}), with the English's placeholders and nothing the English lacks; the
 * Serbian Cyrillic stays the letter-for-letter transliteration of the Serbian Latin (as web's bundles).
 */
class MessageBundlesTest {

    static Stream<Locale> translations() {
        return Arrays.stream(LabelLanguage.values()).filter(language -> language != LabelLanguage.EN)
                .map(LabelLanguage::locale);
    }

    @ParameterizedTest
    @MethodSource("translations")
    void everyTextIsTranslatedAndNoOtherIsAdded(Locale language) throws IOException {
        Properties english = bundle(Locale.ROOT);
        Properties translated = bundle(language);

        assertThat(new TreeSet<>(translated.stringPropertyNames())).as("keys of %s", language.toLanguageTag())
                .containsExactlyElementsOf(new TreeSet<>(english.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            assertThat(translated.getProperty(key)).as("%s in %s", key, language.toLanguageTag()).isNotBlank()
                    .as("%s in %s is translated", key, language.toLanguageTag())
                    .isNotEqualTo(key.startsWith("signIn.") ? english.getProperty(key) : null);
            assertThat(placeholders(translated.getProperty(key))).as("placeholders of %s in %s", key,
                    language.toLanguageTag()).isEqualTo(placeholders(english.getProperty(key)));
            new MessageFormat(translated.getProperty(key), language); // a broken pattern throws here
        }
    }

    /** The page resolves each language to its own file, not to a neighbour's or to the English. */
    @ParameterizedTest
    @MethodSource("translations")
    void thePageFindsEachLanguagesOwnFile(Locale language) throws IOException {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);

        assertThat(messages.getMessage("signIn.refused", null, language))
                .isEqualTo(bundle(language).getProperty("signIn.refused"))
                .isNotEqualTo(bundle(Locale.ROOT).getProperty("signIn.refused"));
    }

    @Test
    void theSerbianCyrillicIsTheTransliterationOfTheSerbianLatin() throws IOException {
        Properties latin = bundle(LabelLanguage.SR_LATN.locale());
        Properties cyrillic = bundle(LabelLanguage.SR_CYRL.locale());
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        for (String key : latin.stringPropertyNames()) {
            expected.put(key, SerbianScript.toCyrillic(latin.getProperty(key)));
            actual.put(key, cyrillic.getProperty(key));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(cyrillic.getProperty("signIn.password")).isEqualTo("Лозинка");
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
        String name = ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES)
                .toBundleName("messages", language) + ".properties";
        InputStream file = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(file).as(name).isNotNull();
        return file;
    }
}
