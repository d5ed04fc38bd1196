package org.nrmplatform.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.i18n.LocaleContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forms' code-list labels follow the page's language, from the label files copied beside the lists at build
 * (web/pom.xml), chosen as the API chooses; a language without labels gets the lists' English.
 */
class CodeListsTest {

    private final CodeLists codeLists = new CodeLists(JsonMapper.builder().build());

    @AfterEach
    void forgetTheLanguage() {
        LocaleContextHolder.resetLocaleContext();
    }

    @ParameterizedTest(name = "page in {0}")
    @CsvSource(delimiter = '|', value = {
            "en | Police | Safety risk", "sq | Policia | Rrezik për sigurinë", "mk | Полиција | Безбедносен ризик",
            "sr-Latn | Policija | Bezbednosni rizik", "sr-Cyrl | Полиција | Безбедносни ризик",
            "sr | Полиција | Безбедносни ризик", "sr-Latn-ME | Policija | Bezbednosni rizik",
            "hr | Policija | Sigurnosni rizik", "bs | Policija | Sigurnosni rizik",
            "cnr | Policija | Bezbjednosni rizik", "fr | Police | Safety risk"})
    void theLabelsAreInThePagesLanguage(String page, String police, String safetyRisk) {
        LocaleContextHolder.setLocale(Locale.forLanguageTag(page));
        assertThat(codeLists.label("detecting-sector", "POLICE")).isEqualTo(police);
        assertThat(codeLists.values("flag-category")).containsEntry("SAFETY_RISK", safetyRisk)
                .containsKeys("DO_NOT_CONTACT_AT_HOME", "OTHER").hasSize(6);
        assertThat(codeLists.label("flag-category", "NOT_A_CODE")).isEqualTo("NOT_A_CODE");
    }
}
