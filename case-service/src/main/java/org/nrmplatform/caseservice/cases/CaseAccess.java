package org.nrmplatform.caseservice.cases;

import static org.springframework.data.mongodb.core.query.Criteria.where;

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
 *                                  what they need, from a view of their own)
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

    /**
     * The roles that handle a case and read it from a view of their own with the case's content, the widest
     * view first (the case manager's holds the whole case). An actor with several of them is answered, case
     * by case, from the view of the first of these roles that gives it the case: deterministic, and never a
     * narrower view than it is entitled to for that case.
     */
    public static final List<Role> HANDLING_ROLES =
            List.of(Role.CASE_MANAGER, Role.IDENTIFICATION_AUTHORITY, Role.FIRST_LINE);

    public boolean visibleTo(Actor actor) {
        return fullViewFor(actor) || grants(Role.SERVICE_PROVIDER, actor);
    }

    /** Whether one of the handling roles gives the actor the case, rather than only a provider's referral. */
    public boolean fullViewFor(Actor actor) {
        return HANDLING_ROLES.stream().anyMatch(role -> grants(role, actor));
    }

    /** Whether {@code role}, which the actor must have, gives it this case. */
    public boolean grants(Role role, Actor actor) {
        if (actor == null || !actor.has(role)) {
            return false;
        }
        String organisation = actor.organisationId();
        return switch (role) {
            case FIRST_LINE -> organisation.equals(openingOrganisationId);
            case CASE_MANAGER -> organisation.equals(responsibleOrganisationId)
                    || organisation.equals(openingOrganisationId);
            // an identification authority decides on presumed victims, of any organisation
            case IDENTIFICATION_AUTHORITY -> responsibleOrganisationId != null;
            case SERVICE_PROVIDER -> providerOrganisationIds.contains(organisation);
            default -> false;
        };
    }

    /**
     * The cases {@code role} gives the actor, as a MongoDB criteria on a view holding the organisation fields;
     * empty when the actor does not have the role or the role sees no cases through such a view.
     */
    public static Optional<Criteria> criteriaFor(Role role, Actor actor) {
        if (!actor.has(role)) {
            return Optional.empty();
        }
        String organisation = actor.organisationId();
        return switch (role) {
            case FIRST_LINE -> Optional.of(where(OPENING_FIELD).is(organisation));
            case CASE_MANAGER -> Optional.of(new Criteria().orOperator(where(RESPONSIBLE_FIELD).is(organisation),
                    where(OPENING_FIELD).is(organisation)));
            case IDENTIFICATION_AUTHORITY -> Optional.of(where(RESPONSIBLE_FIELD).ne(null));
            case SERVICE_PROVIDER -> Optional.of(where(PROVIDERS_FIELD).is(organisation));
            default -> Optional.empty();
        };
    }
}
