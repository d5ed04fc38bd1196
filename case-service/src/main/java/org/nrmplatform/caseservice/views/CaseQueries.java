package org.nrmplatform.caseservice.views;

import java.util.List;
import java.util.UUID;
import org.nrmplatform.shared.security.Actor;

/** The questions the case views answer. */
public final class CaseQueries {

    private CaseQueries() {
    }

    /** The case, if it exists and {@code actor} may see it. */
    public record FindCase(UUID caseId, Actor actor) {
    }

    /** The cases {@code actor} may see, newest screening first. */
    public record ListCases(int page, int size, Actor actor) {
    }

    public record CasePage(List<VisibleCase> items, int page, int size, long total) {
    }
}
