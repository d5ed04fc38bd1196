package org.nrmplatform.caseservice.courtexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nrmplatform.shared.codelists.LabelLanguage;

/** The court export's words exist in each of the eight languages, each key its own (none falls back to English). */
class CourtExportHeadingsTest {

    @ParameterizedTest
    @EnumSource(LabelLanguage.class)
    void everyHeadingIsWordedInTheLanguage(LabelLanguage language) {
        ResourceBundle english = bundle(LabelLanguage.EN);
        ResourceBundle worded = bundle(language);
        assertThat(worded.getLocale()).isEqualTo(language == LabelLanguage.EN ? java.util.Locale.ROOT
                : language.locale());
        if (language != LabelLanguage.EN) {
            for (String key : english.keySet()) {
                assertThat(worded.getString(key)).as("%s %s", language.tag(), key)
                        .isNotEqualTo(english.getString(key));
            }
        }
    }

    private static ResourceBundle bundle(LabelLanguage language) {
        return ResourceBundle.getBundle("courtexport.headings", language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
