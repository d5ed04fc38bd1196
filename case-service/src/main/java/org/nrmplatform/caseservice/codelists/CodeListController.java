package org.nrmplatform.caseservice.codelists;

import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nrmplatform.shared.codelists.CodeList;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.codelists.Countries;
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
 * The platform's code lists (shared's {@code code-lists/}) and the countries, with their labels in the reader's
 * language ({@code Accept-Language}, see {@link LabelLanguage}): reference data for every signed-in role.
 */
@RestController
@RequestMapping("/api/code-lists")
class CodeListController {

    /** The countries as a list of its own: ISO 3166-1 alpha-2 and XK, named from CLDR. */
    static final String COUNTRY = "country";

    private final CodeLists codeLists;

    CodeListController(CodeLists codeLists) {
        this.codeLists = codeLists;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Every code list with its codes and labels (every signed-in role)", description = """
            The lists by id, then the countries (id "country"). Labels in the language Accept-Language asks for \
            among en, sq, mk, sr-Latn, sr-Cyrl, bs, hr and cnr (English otherwise; plain sr is Cyrillic); the \
            answer names it in Content-Language. Codes are the same in every language.""")
    ResponseEntity<List<CodeList>> list(
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        LabelLanguage language = LabelLanguage.negotiate(acceptLanguage);
        List<CodeList> lists = new ArrayList<>(codeLists.all(language));
        lists.add(countries(language));
        return ResponseEntity.ok().headers(language.headers()).body(lists);
    }

    @GetMapping("/{listId}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One code list with its codes and labels (every signed-in role)", description = """
            A list by id (e.g. service-type, or country for the countries), labels in the language \
            Accept-Language asks for, as for the whole collection.""")
    ResponseEntity<CodeList> get(@PathVariable String listId,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        LabelLanguage language = LabelLanguage.negotiate(acceptLanguage);
        CodeList list = COUNTRY.equals(listId) ? countries(language) : codeLists.find(listId, language)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No code list " + listId
                        + "; GET /api/code-lists lists them all"));
        return ResponseEntity.ok().headers(language.headers()).body(list);
    }

    private static CodeList countries(LabelLanguage language) {
        return new CodeList(COUNTRY, 1, "ISO 3166-1 alpha-2 codes and XK (Kosovo); names from the Unicode CLDR as the "
                + "JDK carries it" + (language == LabelLanguage.CNR ? " (no Montenegrin data: sr-Latn-ME's)" : ""),
                null, Countries.codes().stream()
                .map(code -> new CodeList.Value(code, Countries.name(code, language), Map.of())).toList());
    }
}
