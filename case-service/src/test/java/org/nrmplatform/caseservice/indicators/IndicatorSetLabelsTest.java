package org.nrmplatform.caseservice.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.nrmplatform.shared.testing.SerbianCyrillic;
import org.nrmplatform.shared.web.JsonInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every indicator set has its title and every indicator its text in each of the eight languages, the label files
 * name only sets and indicators that exist, and sr-Cyrl is sr-Latn transliterated.
 */
class IndicatorSetLabelsTest {

    private static final JsonMapper JSON = JsonInput.standalone();
    private static final IndicatorCatalogue CATALOGUE = new IndicatorCatalogue();

    @Test
    void everySetAndIndicatorIsWordedInEveryLanguageAndNoFileNamesOneThatDoesNotExist() throws IOException {
        List<String> problems = new ArrayList<>();
        for (LabelLanguage language : LabelLanguage.values()) {
            if (language == LabelLanguage.EN) {
                continue; // the sets' own words
            }
            JsonNode file = file(language);
            if (file.path("source").asString("").isBlank() || file.path("review").asString("").isBlank()) {
                problems.add(language.tag() + ": the file names no source (translator) or review status");
            }
            JsonNode sets = file.path("sets");
            for (IndicatorSet set : CATALOGUE.all()) {
                if (sets.path(set.id()).path("title").asString("").isBlank()) {
                    problems.add(language.tag() + ": " + set.id() + " has no title");
                }
                for (IndicatorSet.Indicator indicator : set.indicators()) {
                    if (sets.path(set.id()).path("indicators").path(indicator.code()).asString("").isBlank()) {
                        problems.add(language.tag() + ": " + set.id() + " " + indicator.code() + " has no text");
                    }
                }
            }
            for (Map.Entry<String, JsonNode> set : sets.properties()) {
                if (CATALOGUE.find(set.getKey()).isEmpty()) {
                    problems.add(language.tag() + ": names set " + set.getKey() + ", which does not exist");
                    continue;
                }
                List<String> codes = CATALOGUE.find(set.getKey()).orElseThrow().indicators().stream()
                        .map(IndicatorSet.Indicator::code).toList();
                set.getValue().path("indicators").propertyNames().stream().filter(code -> !codes.contains(code))
                        .forEach(code -> problems.add(language.tag() + ": names " + set.getKey() + " indicator "
                                + code + ", which does not exist"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void serbianCyrillicIsTheTransliterationOfSerbianLatinAndMacedonianIsCyrillic() {
        for (IndicatorSet set : CATALOGUE.all()) {
            IndicatorSet latin = CATALOGUE.find(set.id(), LabelLanguage.SR_LATN).orElseThrow();
            IndicatorSet cyrillic = CATALOGUE.find(set.id(), LabelLanguage.SR_CYRL).orElseThrow();
            IndicatorSet macedonian = CATALOGUE.find(set.id(), LabelLanguage.MK).orElseThrow();
            assertThat(cyrillic.title()).isEqualTo(SerbianCyrillic.of(latin.title()));
            for (int i = 0; i < set.indicators().size(); i++) {
                assertThat(cyrillic.indicators().get(i).text()).as("%s %s", set.id(), set.indicators().get(i).code())
                        .isEqualTo(SerbianCyrillic.of(latin.indicators().get(i).text()));
                assertThat(macedonian.indicators().get(i).text()).doesNotContainPattern("\\p{IsLatin}");
                assertThat(cyrillic.indicators().get(i).text()).doesNotContainPattern("\\p{IsLatin}");
            }
        }
    }

    @Test
    void aWordedSetScoresAsTheEnglishOneDoes() {
        IndicatorSet english = CATALOGUE.find("labour-v1").orElseThrow();
        IndicatorSet albanian = CATALOGUE.find("labour-v1", LabelLanguage.SQ).orElseThrow();
        assertThat(albanian.title()).isEqualTo("Tregues të trafikimit për shfrytëzim në punë");
        assertThat(albanian.indicators()).extracting(IndicatorSet.Indicator::code, IndicatorSet.Indicator::strength)
                .isEqualTo(english.indicators().stream().map(indicator -> org.assertj.core.groups.Tuple.tuple(
                        indicator.code(), indicator.strength())).toList());
        assertThat(albanian.reasonableGrounds()).isEqualTo(english.reasonableGrounds());
    }

    private static JsonNode file(LabelLanguage language) throws IOException {
        try (InputStream in = IndicatorSetLabelsTest.class.getClassLoader()
                .getResourceAsStream("indicator-sets/labels/" + language.tag() + ".json")) {
            assertThat(in).as("indicator-sets/labels/%s.json", language.tag()).isNotNull();
            return JSON.readTree(in);
        }
    }
}
