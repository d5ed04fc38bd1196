package org.nrmplatform.caseservice.views;

import java.util.List;
import java.util.UUID;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.shared.security.Actor;

/** The questions the case views answer. */
public final class CaseQueries {

    private CaseQueries() {
    }

    /** The case, if it exists and {@code actor} may see it. */
    public record FindCase(UUID caseId, Actor actor) {
    }

    /**
     * The cases {@code actor} may see, newest screening first; only those in {@code stage} and with that
     * {@code closed} state where given (null: any).
     */
    public record ListCases(int page, int size, CaseStage stage, Boolean closed, Actor actor) {
    }

    public record CasePage(List<VisibleCase> items, int page, int size, long total) {
    }
}
