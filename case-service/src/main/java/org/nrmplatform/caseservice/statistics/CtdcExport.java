package org.nrmplatform.caseservice.statistics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nrmplatform.caseservice.projections.VersionedCollection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The case-level export in CTDC's columns (docs/ctdc-export.md): one row per presumed or identified victim,
 * from the statistics' anonymised facts, k-anonymised before it leaves ({@link KAnonymity}, k =
 * {@code nrm.statistics.k-anonymity}, 11 as CTDC publishes).
 */
@Component
class CtdcExport {

    private final MongoTemplate mongo;
    private final VersionedCollection facts;
    private final int k;

    CtdcExport(MongoTemplate mongo, CaseStatisticsProjection projection, StatisticsProperties properties) {
        this.mongo = mongo;
        this.facts = projection.collection();
        this.k = properties.kAnonymity();
    }

    /**
     * @param columns CTDC's column names, in its order; each row holds them all
     * @param notes   how to read it
     */
    record Dataset(List<String> columns, int k, int rowsDropped, int cellsSuppressed, int smallestClass,
                   List<Map<String, String>> rows, List<String> notes) {
    }

    Dataset answer(CtdcExportRequest request) {
        return of(mongo.findAll(CaseFacts.class, facts.current()), request, k);
    }

    /** The export of these facts: the victims of the years asked for, anonymised. */
    static Dataset of(List<CaseFacts> cases, CtdcExportRequest request, int k) {
        List<Map<String, String>> records = cases.stream()
                .filter(facts -> facts.opened() && CtdcRecord.VICTIMS.contains(facts.stage())
                        && request.includes(facts.year()))
                .map(CtdcRecord::of).toList();
        KAnonymity.Anonymised anonymised = KAnonymity.of(records, k);
        // sorted by value, so that the order says nothing of when a case was recorded
        List<Map<String, String>> rows = anonymised.rows().stream()
                .sorted(Comparator.comparing((Map<String, String> row) -> String.join("\u0000", row.values())))
                .toList();
        return new Dataset(CtdcColumns.ALL, k, anonymised.rowsDropped(), anonymised.cellsSuppressed(),
                anonymised.smallestClass(), rows, List.of(
                        "One row per presumed or identified victim, in the columns of CTDC's global k-anonymised "
                                + "dataset; -99 where the platform does not record the value or the anonymisation "
                                + "took it out.",
                        "Every row is identical, in every column, to at least " + (k - 1) + " other rows: rows in "
                                + "smaller groups lose means of control, then citizenship, then the type of "
                                + "exploitation, then the age band, then gender, then majority status; rows still "
                                + "in a group smaller than " + k + " are left out (rowsDropped).",
                        "The year of registration is the year of screening; it is never suppressed, so a year's "
                                + "rows are the same in every range of years exported."));
    }
}
