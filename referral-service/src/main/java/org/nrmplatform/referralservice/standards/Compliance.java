package org.nrmplatform.referralservice.standards;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A provider's compliance with the minimum service standards, derived from its latest monitoring visit and its
 * corrective actions (README, "Service providers' standards and capacity"):
 * <ul>
 * <li>{@link #NOT_ASSESSED}: no visit yet;</li>
 * <li>{@link #NOT_COMPLIANT}: a corrective action is open past its due day, or the latest visit found an item not
 * met and no corrective action has been raised for it;</li>
 * <li>{@link #PARTLY_COMPLIANT}: otherwise, while a corrective action is open or the latest visit found an item
 * partly met that no corrective action put right;</li>
 * <li>{@link #COMPLIANT}: the latest visit found every item met, or each shortfall's corrective action is done.</li>
 * </ul>
 */
public enum Compliance {
    NOT_ASSESSED, COMPLIANT, PARTLY_COMPLIANT, NOT_COMPLIANT;

    /** Whether an open action is overdue on {@code today}: its due day has passed. */
    static boolean overdue(ProviderStanding.CorrectiveAction action, LocalDate today) {
        return "OPEN".equals(action.status()) && LocalDate.parse(action.dueOn()).isBefore(today);
    }

    static Compliance of(ProviderStanding standing, LocalDate today) {
        Optional<ProviderStanding.Visit> latest = latestVisit(standing);
        if (latest.isEmpty()) {
            return NOT_ASSESSED;
        }
        List<ProviderStanding.CorrectiveAction> actions = standing.correctiveActions();
        if (actions.stream().anyMatch(action -> overdue(action, today))) {
            return NOT_COMPLIANT;
        }
        String visitId = latest.get().visitId();
        Set<String> raised = actions.stream().filter(a -> a.visitId().equals(visitId))
                .map(ProviderStanding.CorrectiveAction::item).collect(Collectors.toSet());
        Set<String> done = actions.stream().filter(a -> a.visitId().equals(visitId) && "DONE".equals(a.status()))
                .map(ProviderStanding.CorrectiveAction::item).collect(Collectors.toSet());
        List<ProviderStanding.Finding> findings = latest.get().findings();
        if (findings.stream().anyMatch(f -> "NOT_MET".equals(f.rating()) && !raised.contains(f.item()))) {
            return NOT_COMPLIANT;
        }
        boolean open = actions.stream().anyMatch(a -> "OPEN".equals(a.status()));
        boolean unresolved = findings.stream().anyMatch(f -> !"MET".equals(f.rating()) && !done.contains(f.item()));
        return open || unresolved ? PARTLY_COMPLIANT : COMPLIANT;
    }

    /** The visit on the latest day (of two on one day, the one recorded last). */
    static Optional<ProviderStanding.Visit> latestVisit(ProviderStanding standing) {
        return standing.visits().stream().max(Comparator.comparing(ProviderStanding.Visit::visitedOn)
                .thenComparing(ProviderStanding.Visit::recordedAt));
    }
}
