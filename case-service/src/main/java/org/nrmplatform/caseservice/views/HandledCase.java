package org.nrmplatform.caseservice.views;

import org.nrmplatform.caseservice.cases.CaseAccess;

/**
 * A case as one of the professionals who handle it sees it: the first-line professional
 * ({@link CaseView.FirstLineCase}), the identification authority ({@link CaseView.IdentificationCase}) or the
 * case manager (the whole {@link CaseView}). Each carries the case's version (for If-Match) and the
 * organisations that decide who may see it.
 */
public sealed interface HandledCase extends VisibleCase
        permits CaseView, CaseView.FirstLineCase, CaseView.IdentificationCase {

    long version();

    String openingOrganisationId();

    String responsibleOrganisationId();

    default CaseAccess access() {
        return new CaseAccess(openingOrganisationId(), responsibleOrganisationId());
    }
}
