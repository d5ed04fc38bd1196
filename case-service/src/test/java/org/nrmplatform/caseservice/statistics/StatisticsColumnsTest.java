package org.nrmplatform.caseservice.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aggregated statistics CSV names each column after a published vocabulary where one has the same meaning and
 * values: CTDC's global dataset ({@link CtdcColumns}), else the HTCDS 2.0 field whose codes the column holds (the
 * field named by the code list, itself taken from the standard), else it is the platform's own name and must not
 * be mistaken for a CTDC column.
 */
class StatisticsColumnsTest {

    private enum Source { CTDC, HTCDS, PLATFORM }

    /** Each column's source, with the code list (for HTCDS) whose field it is. */
    private record Origin(Source source, String codeList) {
    }

    private static final Map<Dimension, Origin> ORIGINS = Map.of(
            Dimension.STAGE, new Origin(Source.PLATFORM, null),
            // CTDC's gender holds Female/Male; ours holds HTCDS's codes (Feminine, TransgenderMasculine...)
            Dimension.SEX, new Origin(Source.HTCDS, "sex"),
            Dimension.AGE_BAND, new Origin(Source.CTDC, null),
            Dimension.TYPE_OF_EXPLOITATION, new Origin(Source.HTCDS, "type-of-exploitation"),
            Dimension.METHOD_OF_CONTROL, new Origin(Source.HTCDS, "method-of-control"),
            Dimension.CITIZENSHIP, new Origin(Source.CTDC, null),
            // where the case was screened, not CTDC's CountryOfExploitation
            Dimension.COUNTRY, new Origin(Source.PLATFORM, null),
            Dimension.DETECTING_SECTOR, new Origin(Source.PLATFORM, null),
            Dimension.YEAR, new Origin(Source.CTDC, null),
            Dimension.EMERGENCY_SITUATION, new Origin(Source.PLATFORM, null));

    @Test
    void everyColumnIsNamedAfterItsSource() throws IOException {
        assertThat(ORIGINS.keySet()).as("every dimension has its source named here")
                .containsExactlyInAnyOrder(Dimension.values());
        for (Dimension dimension : Dimension.values()) {
            Origin origin = ORIGINS.get(dimension);
            switch (origin.source()) {
                case CTDC -> assertThat(CtdcColumns.ALL).as(dimension.name()).contains(dimension.column());
                case HTCDS -> assertThat(dimension.column()).as(dimension.name())
                        .isEqualTo(htcdsField(origin.codeList()));
                case PLATFORM -> assertThat(CtdcColumns.ALL.stream().map(String::toLowerCase))
                        .as("%s is ours, not a CTDC column", dimension.name())
                        .doesNotContain(dimension.column().toLowerCase());
            }
        }
        assertThat(Arrays.stream(Dimension.values()).map(Dimension::column))
                .as("no column named after a CTDC column whose values it does not hold").doesNotContain("gender");
    }

    private static String htcdsField(String codeList) throws IOException {
        try (InputStream json = StatisticsColumnsTest.class.getResourceAsStream("/code-lists/" + codeList + ".json")) {
            assertThat(json).as(codeList).isNotNull();
            JsonNode list = JsonMapper.builder().build().readTree(json);
            assertThat(list.get("source").asString()).startsWith("HTCDS 2.0");
            return list.get("htcdsField").asString();
        }
    }
}
