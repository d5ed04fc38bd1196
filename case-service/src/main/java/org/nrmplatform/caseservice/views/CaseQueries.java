package org.nrmplatform.caseservice.views;

import java.util.List;
import java.util.UUID;

/** The questions the case views answer. */
public final class CaseQueries {

    private CaseQueries() {
    }

    public record FindCase(UUID caseId) {
    }

    public record ListCases(int page, int size) {
    }

    public record CasePage(List<CaseView> items, int page, int size, long total) {
    }
}
