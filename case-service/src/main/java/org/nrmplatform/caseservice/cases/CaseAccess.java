package org.nrmplatform.caseservice.cases;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.security.Actor;

/**
 * Which cases an actor may see (docs/need-to-know.md). The same rule decides for the write side (the
 * aggregate), for the case views (as a query built from {@link Scope}, beside the views) and for the history,
 * so they can never disagree.
 * A case outside the actor's scope does not exist for it: callers answer 404, never 403.
 *
 * @param openingOrganisationId     the organisation that screened and opened the case
 * @param responsibleOrganisationId the case-manager organisation, once a presumed victim is flagged
 * @param providerOrganisationIds   service providers with an active referral of the case (they see only
 *                                  what they need, from a view of their own)
 */
public record CaseAccess(String openingOrganisationId, String responsibleOrganisationId,
                         Set<String> providerOrganisationIds) {

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
        return actor != null && scopeOf(role, actor).map(scope -> scope.includes(this)).orElse(false);
    }

    /**
     * The cases {@code role} gives the actor, in the domain's words; empty when the actor does not have the
     * role or the role sees no cases this way. {@link #grants} decides one case by it, and the views turn it
     * into a query, so the two answer alike.
     */
    public static Optional<Scope> scopeOf(Role role, Actor actor) {
        if (!actor.has(role)) {
            return Optional.empty();
        }
        String organisation = actor.organisationId();
        return switch (role) {
            case FIRST_LINE -> Optional.of(new Scope.OpenedBy(organisation));
            case CASE_MANAGER -> Optional.of(new Scope.OpenedOrManagedBy(organisation));
            // an identification authority decides on presumed victims, of any organisation
            case IDENTIFICATION_AUTHORITY -> Optional.of(new Scope.AnyPresumedVictim());
            case SERVICE_PROVIDER -> Optional.of(new Scope.ReferredTo(organisation));
            default -> Optional.empty();
        };
    }

    /** A set of cases an actor sees through one of its roles. */
    public sealed interface Scope {

        boolean includes(CaseAccess access);

        /** The cases an organisation screened and opened. */
        record OpenedBy(String organisationId) implements Scope {
            @Override
            public boolean includes(CaseAccess access) {
                return organisationId.equals(access.openingOrganisationId());
            }
        }

        /** The cases an organisation manages or opened. */
        record OpenedOrManagedBy(String organisationId) implements Scope {
            @Override
            public boolean includes(CaseAccess access) {
                return organisationId.equals(access.responsibleOrganisationId())
                        || organisationId.equals(access.openingOrganisationId());
            }
        }

        /** Every case flagged as a presumed victim's: it then has a responsible organisation. */
        record AnyPresumedVictim() implements Scope {
            @Override
            public boolean includes(CaseAccess access) {
                return access.responsibleOrganisationId() != null;
            }
        }

        /** The cases with an active referral to an organisation. */
        record ReferredTo(String organisationId) implements Scope {
            @Override
            public boolean includes(CaseAccess access) {
                return access.providerOrganisationIds().contains(organisationId);
            }
        }
    }
}
