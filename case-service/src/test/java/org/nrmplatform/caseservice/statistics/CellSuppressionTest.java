package org.nrmplatform.caseservice.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;

class CellSuppressionTest {

    @Test
    void aSmallCountIsSuppressedWithTheSmallestOtherCellOfItsLine() {
        Map<List<String>, Long> counts = Map.of(List.of("AL"), 32L, List.of("RS"), 7L, List.of("NG"), 3L);
        assertThat(CellSuppression.suppressed(counts, 1, 5)).containsExactlyInAnyOrder(List.of("NG"), List.of("RS"));
    }

    @Test
    void secondarySuppressionGoesOnUntilNoRowOrColumnHoldsExactlyOneSuppressedCell() {
        Map<List<String>, Long> counts = Map.of(
                List.of("A", "x"), 12L, List.of("A", "y"), 10L,
                List.of("B", "x"), 20L, List.of("B", "y"), 2L);
        // (B,y) primary; its row and column each need a partner, which in a 2x2 table hides everything
        assertThat(CellSuppression.suppressed(counts, 2, 5)).hasSize(4);
    }

    @Test
    void nothingIsSuppressedWhenEveryCountReachesTheThreshold() {
        assertThat(CellSuppression.suppressed(Map.of(List.of("F"), 5L, List.of("M"), 9L), 1, 5)).isEmpty();
        assertThat(CellSuppression.suppressed(Map.of(List.of(), 4L), 0, 5)).containsExactly(List.of());
    }

    @Test
    void aSuppressedCellAloneInItsLineNeedsNoPartner() {
        Map<List<String>, Long> counts = Map.of(List.of("A", "x"), 12L, List.of("A", "y"), 10L,
                List.of("B", "z"), 2L);
        assertThat(CellSuppression.suppressed(counts, 2, 5)).containsExactly(List.of("B", "z"));
    }

    @Test
    void ageBandsAreCtdcsBroadBands() {
        Instant screened = Instant.parse("2025-03-01T10:00:00Z");
        assertThat(AgeBand.of(LocalDate.of(2020, 1, 1), screened, AgeCategory.CHILD)).isEqualTo("0--8");
        assertThat(AgeBand.of(LocalDate.of(2007, 3, 2), screened, AgeCategory.CHILD)).isEqualTo("9--17");
        assertThat(AgeBand.of(LocalDate.of(2007, 3, 1), screened, AgeCategory.ADULT)).isEqualTo("18--20");
        assertThat(AgeBand.of(LocalDate.of(1995, 1, 1), screened, AgeCategory.ADULT)).isEqualTo("30--38");
        assertThat(AgeBand.of(LocalDate.of(1977, 3, 1), screened, AgeCategory.ADULT)).isEqualTo("48+");
        assertThat(AgeBand.of(null, screened, AgeCategory.CHILD)).isEqualTo("CHILD");
    }

    @Test
    void durationsAreSuppressedBelowTheThresholdAndTheirCaseCountRoundedDown() {
        assertThat(DurationStatistic.of("m", "days", List.of(1.0, 2.0, 3.0, 4.0), 5).suppressed()).isTrue();
        DurationStatistic published = DurationStatistic.of("m", "days",
                List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0), 5);
        assertThat(published).isEqualTo(new DurationStatistic("m", "days", 10L, 6.5, 11.0, false));
    }
}
