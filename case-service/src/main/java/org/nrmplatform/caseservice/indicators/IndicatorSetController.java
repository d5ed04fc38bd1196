package org.nrmplatform.caseservice.indicators;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The versioned indicator sets used at screening: reference data, open to every signed-in role. */
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
    List<IndicatorSetSummary> list() {
        return catalogue.all().stream()
                .map(set -> new IndicatorSetSummary(set.id(), set.family(), set.version(), set.title(),
                        set.appliesTo(), set.indicators().size()))
                .toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    IndicatorSet get(@PathVariable String id) {
        return catalogue.find(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No indicator set " + id));
    }
}
