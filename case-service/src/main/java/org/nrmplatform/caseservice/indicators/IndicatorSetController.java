package org.nrmplatform.caseservice.indicators;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The versioned indicator sets used at screening: reference data, open to every signed-in role, worded in the
 * reader's language ({@code Accept-Language}, see {@link LabelLanguage}).
 */
@RestController
@RequestMapping("/api/indicator-sets")
class IndicatorSetController {

    record IndicatorSetSummary(String id, String family, int version, String title,
                               IndicatorSet.AppliesTo appliesTo, int indicatorCount) {
    }

    private final IndicatorCatalogue catalogue;

    IndicatorSetController(IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The indicator sets (every signed-in role)", description = """
            Titles in the language Accept-Language asks for among en, sq, mk, sr-Latn, sr-Cyrl, bs, hr and cnr \
            (English otherwise); the answer names it in Content-Language.""")
    ResponseEntity<List<IndicatorSetSummary>> list(
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        LabelLanguage language = LabelLanguage.negotiate(acceptLanguage);
        return ResponseEntity.ok().headers(language.headers()).body(catalogue.all(language).stream()
                .map(set -> new IndicatorSetSummary(set.id(), set.family(), set.version(), set.title(),
                        set.appliesTo(), set.indicators().size()))
                .toList());
    }

    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One indicator set with its indicators (every signed-in role)", description = """
            Title and indicator texts in the language Accept-Language asks for among en, sq, mk, sr-Latn, \
            sr-Cyrl, bs, hr and cnr (English otherwise); codes, strengths and scoring are the same in all.""")
    ResponseEntity<IndicatorSet> get(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        LabelLanguage language = LabelLanguage.negotiate(acceptLanguage);
        IndicatorSet set = catalogue.find(id, language).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No indicator set " + id));
        return ResponseEntity.ok().headers(language.headers()).body(set);
    }
}
