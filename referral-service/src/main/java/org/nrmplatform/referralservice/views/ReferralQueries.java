package org.nrmplatform.referralservice.views;

import java.util.UUID;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.shared.security.Actor;

/** The questions the referral views answer, over the query bus (docs/architecture.md, decision 30). */
public final class ReferralQueries {

    private ReferralQueries() {
    }

    /** The referral in the shape {@code actor} may see, if it may see it at all. */
    public record FindReferral(UUID referralId, Actor actor) {
    }

    /** The referrals {@code actor} may see, optionally of one case or in one status. */
    public record ListReferrals(Actor actor, UUID caseId, ReferralStatus status, int page, int size) {
    }

    /** Referrals of the actor's organisation that passed their respond-by instant unanswered. */
    public record OverdueReferrals(Actor actor) {
    }

    /** How many active referrals a provider has: its current load. */
    public record ActiveReferralsTo(String providerOrganisationId) {
    }

    /** Per provider and service type, the referrals made, those active and those declined for lack of capacity. */
    public record ReferralFigures() {
    }

    public record ReferralFigure(String providerOrganisationId, String serviceType, long made, long active,
                                 long declinedForCapacity) {
    }

    public record FigureList(java.util.List<ReferralFigure> items) {
    }
}
