package org.nrmplatform.caseservice.cases;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Which cases an actor may see (docs/need-to-know.md). The same rule decides for the write side (the
 * aggregate), for the case views (as a query) and for the history, so they can never disagree.
 * A case outside the actor's scope does not exist for it: callers answer 404, never 403.
 *
 * @param openingOrganisationId     the organisation that screened and opened the case
 * @param responsibleOrganisationId the case-manager organisation, once a presumed victim is flagged
 * @param providerOrganisationIds   service providers with an active referral of the case (they see only
 *                                  what they need: {@link #fullViewFor})
 */
public record CaseAccess(String openingOrganisationId, String responsibleOrganisationId,
                         Set<String> providerOrganisationIds) {

    /** Field names in the case views that hold the organisations. */
    public static final String OPENING_FIELD = "openingOrganisationId";
    public static final String RESPONSIBLE_FIELD = "responsibleOrganisationId";
    public static final String PROVIDERS_FIELD = "activeReferrals.providerOrganisationId";

    public CaseAccess {
        providerOrganisationIds = providerOrganisationIds == null ? Set.of() : Set.copyOf(providerOrganisationIds);
    }

    /** Before any referral: the write side and the history need no more. */
    public CaseAccess(String openingOrganisationId, String responsibleOrganisationId) {
        this(openingOrganisationId, responsibleOrganisationId, Set.of());
    }

    public boolean visibleTo(Actor actor) {
        return fullViewFor(actor)
                || actor != null && actor.has(Role.SERVICE_PROVIDER)
                && providerOrganisationIds.contains(actor.organisationId());
    }

    /** Whether the actor sees the whole case, rather than only what a provider needs for its referral. */
    public boolean fullViewFor(Actor actor) {
        if (actor == null) {
            return false;
        }
        String organisation = actor.organisationId();
        return actor.has(Role.FIRST_LINE) && organisation.equals(openingOrganisationId)
                || actor.has(Role.CASE_MANAGER) && (organisation.equals(responsibleOrganisationId)
                || organisation.equals(openingOrganisationId))
                // an identification authority decides on presumed victims, of any organisation
                || actor.has(Role.IDENTIFICATION_AUTHORITY) && responsibleOrganisationId != null;
    }

    /** The case views an actor may see, as a MongoDB criteria; empty when it may see none. */
    public static Optional<Criteria> criteriaFor(Actor actor) {
        return criteriaFor(actor, true);
    }

    /**
     * The cases an actor sees whole (first-line, identification authority, case manager), as a MongoDB
     * criteria on the case views; empty when it sees none whole. A service provider's cases are read from
     * its own view instead.
     */
    public static Optional<Criteria> fullViewCriteriaFor(Actor actor) {
        return criteriaFor(actor, false);
    }

    private static Optional<Criteria> criteriaFor(Actor actor, boolean withReferrals) {
        List<Criteria> any = new ArrayList<>();
        if (actor.has(Role.FIRST_LINE)) {
            any.add(where(OPENING_FIELD).is(actor.organisationId()));
        }
        if (actor.has(Role.CASE_MANAGER)) {
            any.add(where(RESPONSIBLE_FIELD).is(actor.organisationId()));
            any.add(where(OPENING_FIELD).is(actor.organisationId()));
        }
        if (actor.has(Role.IDENTIFICATION_AUTHORITY)) {
            any.add(where(RESPONSIBLE_FIELD).ne(null));
        }
        if (withReferrals && actor.has(Role.SERVICE_PROVIDER)) {
            any.add(where(PROVIDERS_FIELD).is(actor.organisationId()));
        }
        return any.isEmpty() ? Optional.empty() : Optional.of(new Criteria().orOperator(any));
    }
}
