package org.nrmplatform.caseservice.feedback;

import org.nrmplatform.shared.codelists.LabelLanguage;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The language a feedback page opens in: one of the platform's eight, by its tag, or none. */
final class Languages {

    private Languages() {
    }

    static String checked(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        return LabelLanguage.match(tag.strip()).map(LabelLanguage::tag).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.BAD_REQUEST, "language: '" + tag + "' is not one of en, sq, "
                        + "mk, sr-Latn, sr-Cyrl, bs, hr, cnr"));
    }
}
