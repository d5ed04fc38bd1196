package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import tools.jackson.databind.JsonNode;

/**
 * The code lists and the indicator sets over HTTP in the reader's language: Accept-Language matched among the
 * eight (RFC 9110 quality values), English otherwise, the answer naming its language and that it varies with it.
 */
class LabelLanguageApiTest extends ApiTest {

    private Answer get(String path, String acceptLanguage) {
        return firstLine.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(),
                acceptLanguage == null ? Map.of() : Map.of("Accept-Language", acceptLanguage));
    }

    private static String label(JsonNode list, String code) {
        return list.get("values").valueStream().filter(value -> value.get("code").asString().equals(code))
                .findFirst().orElseThrow().get("label").asString();
    }

    private static JsonNode list(JsonNode lists, String id) {
        return lists.valueStream().filter(list -> list.get("id").asString().equals(id)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "Accept-Language: {0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "mk | mk | Полиција | Албанија", "sq-AL | sq | Policia | Shqipëri",
            "sr | sr-Cyrl | Полиција | Албанија",
            "sr-Latn-RS | sr-Latn | Policija | Albanija", "hr-HR | hr | Policija | Albanija",
            "bs | bs | Policija | Albanija", "cnr | cnr | Policija | Albanija",
            "de, sq;q=0.8, mk;q=0.5 | sq | Policia | Shqipëri", "fr | en | Police | Albania",
            "none | en | Police | Albania", "'@@@;q=nope' | en | Police | Albania"})
    void theCodeListsAnswerTheirLabelsInTheLanguageAskedFor(String acceptLanguage, String language, String police,
                                                           String albania) {
        Answer answer = get("/api/code-lists", acceptLanguage);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Language")).isEqualTo(language);
        assertThat(answer.header("Vary")).contains("Accept-Language");
        assertThat(label(list(answer.body(), "detecting-sector"), "POLICE")).isEqualTo(police);
        assertThat(label(list(answer.body(), "country"), "AL")).isEqualTo(albania);
        assertThat(answer.body().size()).as("every list of code-lists/index.json and the countries")
                .isEqualTo(CodeLists.load().all().size() + 1);
    }

    @Test
    void oneCodeListInMacedonianIsCyrillicWithTheSameCodes() {
        Answer english = get("/api/code-lists/decline-reason", "en");
        Answer macedonian = get("/api/code-lists/decline-reason", "mk");
        assertThat(macedonian.status()).isEqualTo(200);
        assertThat(macedonian.header("Content-Language")).isEqualTo("mk");
        assertThat(label(macedonian.body(), "NO_CAPACITY")).isEqualTo("Моментално нема капацитет");
        assertThat(macedonian.body().get("values").valueStream().map(value -> value.get("code").asString()).toList())
                .isEqualTo(english.body().get("values").valueStream().map(value -> value.get("code").asString())
                        .toList());
        assertThat(macedonian.body().get("version").asInt()).isEqualTo(english.body().get("version").asInt());
        // countries in Montenegrin: the JDK has no data, Serbian Latin of Montenegro stands in
        assertThat(label(get("/api/code-lists/country", "cnr").body(), "DE")).isEqualTo("Njemačka");
    }

    @Test
    void anUnknownCodeListIsA404Problem() {
        Answer answer = get("/api/code-lists/nope", "mk");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asString()).contains("nope");
    }

    @Test
    void withoutATokenTheCodeListsAreRefused() {
        Answer answer = anonymous.get("/api/code-lists");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theIndicatorSetsAreWordedInTheLanguageAskedFor() {
        Answer sets = get("/api/indicator-sets", "mk");
        assertThat(sets.status()).isEqualTo(200);
        assertThat(sets.header("Content-Language")).isEqualTo("mk");
        assertThat(sets.header("Vary")).contains("Accept-Language");
        assertThat(list(sets.body(), "labour-v1").get("title").asString())
                .isEqualTo("Индикатори за трговија со луѓе заради трудова експлоатација");

        Answer croatian = get("/api/indicator-sets/labour-v1", "hr;q=0.9, en;q=0.8");
        assertThat(croatian.header("Content-Language")).isEqualTo("hr");
        JsonNode first = croatian.body().get("indicators").get(0);
        assertThat(first.get("code").asString()).isEqualTo("LAB-01");
        assertThat(first.get("strength").asString()).isEqualTo("STRONG");
        assertThat(first.get("text").asString())
                .isEqualTo("Posao, plaća ili uvjeti rada bitno se razlikuju od obećanih");

        Answer fallback = get("/api/indicator-sets/labour-v1", "fr-FR, de;q=0.5");
        assertThat(fallback.header("Content-Language")).isEqualTo("en");
        assertThat(fallback.body().get("title").asString())
                .isEqualTo("Indicators of trafficking for labour exploitation");
        assertThat(get("/api/indicator-sets/labour-v1", ";;;q=x,").status()).isEqualTo(200);
    }
}
