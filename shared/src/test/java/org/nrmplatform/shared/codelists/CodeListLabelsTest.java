package org.nrmplatform.shared.codelists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nrmplatform.shared.testing.SerbianCyrillic;
import org.nrmplatform.shared.web.JsonInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every code of every list has a label in each of the eight languages, and the label files name only real codes. */
class CodeListLabelsTest {

    private static final JsonMapper JSON = JsonInput.standalone();
    private static final CodeLists LISTS = CodeLists.load();

    @Test
    void everyCodeHasALabelInEveryLanguageAndNoFileNamesACodeThatDoesNotExist() throws IOException {
        List<String> problems = new ArrayList<>();
        for (LabelLanguage language : LabelLanguage.values()) {
            if (language == LabelLanguage.EN) {
                LISTS.all().forEach(list -> list.values().stream().filter(value -> value.label().isBlank())
                        .forEach(value -> problems.add("en: " + list.id() + " " + value.code() + " has no label")));
                continue;
            }
            JsonNode file = file(language);
            if (file.path("source").asString("").isBlank() || file.path("review").asString("").isBlank()) {
                problems.add(language.tag() + ": the file names no source (translator) or review status");
            }
            JsonNode labels = file.path("labels");
            for (CodeList list : LISTS.all()) {
                for (CodeList.Value value : list.values()) {
                    if (labels.path(list.id()).path(value.code()).asString("").isBlank()) {
                        problems.add(language.tag() + ": " + list.id() + " " + value.code() + " has no label");
                    }
                }
            }
            for (Map.Entry<String, JsonNode> list : labels.properties()) {
                if (LISTS.find(list.getKey()).isEmpty()) {
                    problems.add(language.tag() + ": names list " + list.getKey() + ", which does not exist");
                    continue;
                }
                list.getValue().propertyNames().stream().filter(code -> !LISTS.get(list.getKey()).contains(code))
                        .forEach(code -> problems.add(language.tag() + ": names " + list.getKey() + " code " + code
                                + ", which does not exist"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void serbianCyrillicIsTheTransliterationOfSerbianLatin() throws IOException {
        JsonNode latin = file(LabelLanguage.SR_LATN).path("labels");
        JsonNode cyrillic = file(LabelLanguage.SR_CYRL).path("labels");
        List<String> different = new ArrayList<>();
        for (CodeList list : LISTS.all()) {
            for (CodeList.Value value : list.values()) {
                String expected = SerbianCyrillic.of(latin.path(list.id()).path(value.code()).asString(""));
                if (!expected.equals(cyrillic.path(list.id()).path(value.code()).asString(""))) {
                    different.add(list.id() + " " + value.code() + " should read: " + expected);
                }
            }
        }
        assertThat(different).isEmpty();
    }

    @Test
    void macedonianAndSerbianCyrillicLabelsUseNoLatinLetter() {
        for (LabelLanguage language : List.of(LabelLanguage.MK, LabelLanguage.SR_CYRL)) {
            LISTS.all(language).forEach(list -> list.values().forEach(value -> assertThat(value.label())
                    .as("%s %s %s", language.tag(), list.id(), value.code()).doesNotContainPattern("\\p{IsLatin}")));
        }
    }

    @Test
    void aListIsServedWithItsLabelsInTheLanguageAskedFor() {
        assertThat(LISTS.label("decline-reason", "NO_CAPACITY", LabelLanguage.EN)).isEqualTo("No capacity at present");
        assertThat(LISTS.label("detecting-sector", "POLICE", LabelLanguage.SQ)).isEqualTo("Policia");
        assertThat(LISTS.label("detecting-sector", "POLICE", LabelLanguage.MK)).isEqualTo("Полиција");
        assertThat(LISTS.label("sex", "nope", LabelLanguage.HR)).isEqualTo("nope");
        assertThat(LISTS.find("sex", LabelLanguage.CNR).orElseThrow().values()).extracting(CodeList.Value::code)
                .isEqualTo(LISTS.get("sex").values().stream().map(CodeList.Value::code).toList());
    }

    @ParameterizedTest(name = "Accept-Language: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "mk | mk", "MK-mk | mk", "fr | en", "'' | en", "* | en", "sr | sr-Cyrl", "sr-RS | sr-Cyrl",
            "sr-Latn | sr-Latn", "sr-Latn-RS | sr-Latn", "sr-ME | sr-Latn", "sr-Cyrl-ME | sr-Cyrl", "cnr-ME | cnr",
            "sq-AL,sq;q=0.9 | sq", "fr-CH, fr;q=0.9, hr;q=0.8, en;q=0.5 | hr", "en;q=0.1, bs | bs",
            "hr;q=0, bs;q=0.5 | bs", "de, *;q=0.5, mk;q=0.4 | en", "@@;q=x | en", "mk;q=2 | en", "en-GB | en"})
    void acceptLanguageIsMatchedByQualityAmongTheEightWithEnglishAsFallback(String header, String expected) {
        assertThat(LabelLanguage.negotiate(header).tag()).isEqualTo(expected);
    }

    @Test
    void countriesAreNamedInEachLanguageFromCldr() {
        assertThat(Countries.name("AL", LabelLanguage.SQ)).isEqualTo("Shqipëri");
        assertThat(Countries.name("DE", LabelLanguage.MK)).isEqualTo("Германија");
        assertThat(Countries.name("DE", LabelLanguage.SR_CYRL)).isEqualTo("Немачка");
        assertThat(Countries.name("DE", LabelLanguage.SR_LATN)).isEqualTo("Nemačka");
        assertThat(Countries.name("DE", LabelLanguage.HR)).isEqualTo("Njemačka");
        assertThat(Countries.name("DE", LabelLanguage.BS)).isEqualTo("Njemačka");
        // no Montenegrin data in the JDK: Serbian Latin of Montenegro stands in
        assertThat(Countries.name("DE", LabelLanguage.CNR)).isEqualTo("Njemačka");
        assertThat(Countries.name("XK", LabelLanguage.EN)).isEqualTo("Kosovo");
        assertThat(Countries.codes()).contains("RS", "XK").hasSizeGreaterThan(240);
    }

    private static JsonNode file(LabelLanguage language) throws IOException {
        try (InputStream in = CodeListLabelsTest.class.getClassLoader()
                .getResourceAsStream("code-lists/labels/" + language.tag() + ".json")) {
            assertThat(in).as("code-lists/labels/%s.json", language.tag()).isNotNull();
            return JSON.readTree(in);
        }
    }
}
