package org.nrmplatform.referralservice.standards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compliance status a case manager sees beside a provider, from its latest visit and corrective actions. */
class ComplianceTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    @Test
    void withoutAVisitAProviderIsNotAssessed() {
        assertThat(Compliance.of(standing(List.of(), List.of()), TODAY)).isEqualTo(Compliance.NOT_ASSESSED);
    }

    @Test
    void everyItemMetIsCompliant() {
        assertThat(Compliance.of(standing(List.of(visit("v1", "2026-11-01", "MET")), List.of()), TODAY))
                .isEqualTo(Compliance.COMPLIANT);
    }

    @Test
    void anItemNotMetWithoutACorrectiveActionIsNotCompliantAndWithOneOpenPartly() {
        List<ProviderStanding.Visit> visits = List.of(visit("v1", "2026-11-01", "NOT_MET"));
        assertThat(Compliance.of(standing(visits, List.of()), TODAY)).isEqualTo(Compliance.NOT_COMPLIANT);
        assertThat(Compliance.of(standing(visits, List.of(action("v1", "2026-12-31", "OPEN"))), TODAY))
                .isEqualTo(Compliance.PARTLY_COMPLIANT);
        assertThat(Compliance.of(standing(visits, List.of(action("v1", "2026-12-31", "DONE"))), TODAY))
                .isEqualTo(Compliance.COMPLIANT);
    }

    @Test
    void anOpenActionPastItsDueDayIsNotCompliantWhateverTheLatestVisitFound() {
        List<ProviderStanding.Visit> visits = List.of(visit("v1", "2026-06-01", "PARTLY_MET"),
                visit("v2", "2026-11-01", "MET"));
        assertThat(Compliance.of(standing(visits, List.of(action("v1", "2026-12-06", "OPEN"))), TODAY))
                .isEqualTo(Compliance.NOT_COMPLIANT);
        assertThat(Compliance.of(standing(visits, List.of(action("v1", "2026-12-07", "OPEN"))), TODAY))
                .as("due today is not overdue yet").isEqualTo(Compliance.PARTLY_COMPLIANT);
    }

    @Test
    void onlyTheLatestVisitsFindingsCount() {
        List<ProviderStanding.Visit> visits = List.of(visit("v1", "2026-06-01", "NOT_MET"),
                visit("v2", "2026-11-01", "MET"));
        assertThat(Compliance.of(standing(visits, List.of()), TODAY)).isEqualTo(Compliance.COMPLIANT);
    }

    private static ProviderStanding standing(List<ProviderStanding.Visit> visits,
                                             List<ProviderStanding.CorrectiveAction> actions) {
        return new ProviderStanding("org", 1, List.of(), List.of(), visits, actions, List.of());
    }

    private static ProviderStanding.Visit visit(String id, String on, String rating) {
        return new ProviderStanding.Visit(id, on, "minimum-service-standards", 1,
                List.of(new ProviderStanding.Finding("SAFE_PREMISES", "MET", null),
                        new ProviderStanding.Finding("INTERPRETATION", rating, null)), Instant.parse(on + "T12:00:00Z"));
    }

    private static ProviderStanding.CorrectiveAction action(String visitId, String dueOn, String status) {
        return new ProviderStanding.CorrectiveAction("a-" + visitId, visitId, "INTERPRETATION", "Contract one", dueOn,
                status, null, null);
    }
}
