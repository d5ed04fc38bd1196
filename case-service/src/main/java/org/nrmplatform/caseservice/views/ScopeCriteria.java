package org.nrmplatform.caseservice.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.nrmplatform.caseservice.cases.CaseAccess.Scope;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The access rule's {@link Scope} as a query on a case view: the rule stays in the domain, the field names and
 * the query language stay here with the views that hold those fields.
 */
final class ScopeCriteria {

    /** Field names in the case views that hold the organisations. */
    static final String OPENING_FIELD = "openingOrganisationId";
    static final String RESPONSIBLE_FIELD = "responsibleOrganisationId";
    static final String PROVIDERS_FIELD = "activeReferrals.providerOrganisationId";

    private ScopeCriteria() {
    }

    static Criteria of(Scope scope) {
        if (scope instanceof Scope.OpenedBy opened) {
            return where(OPENING_FIELD).is(opened.organisationId());
        }
        if (scope instanceof Scope.OpenedOrManagedBy either) {
            return new Criteria().orOperator(where(RESPONSIBLE_FIELD).is(either.organisationId()),
                    where(OPENING_FIELD).is(either.organisationId()));
        }
        if (scope instanceof Scope.AnyPresumedVictim) {
            return where(RESPONSIBLE_FIELD).ne(null);
        }
        if (scope instanceof Scope.ReferredTo referred) {
            return where(PROVIDERS_FIELD).is(referred.organisationId());
        }
        throw new IllegalArgumentException("No query for the scope " + scope);
    }
}
