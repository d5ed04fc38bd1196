package org.nrmplatform.caseservice.statistics;

import static org.nrmplatform.caseservice.statistics.CtdcColumns.UNKNOWN;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes case-level rows k-anonymous: every row published is identical, in every column, to at least k - 1 other
 * published rows (every column counts as a quasi-identifier, so no combination of values is shared by fewer than
 * k cases). Age is already generalised to CTDC's bands. A row in a smaller class loses, with every row of its
 * class, one group of columns after another (set to {@value CtdcColumns#UNKNOWN}, as CTDC writes what it does not
 * know), least telling first; a row whose class is still smaller than k with all of them gone is dropped. The year
 * of registration is never suppressed, so a row's class holds only rows of its year: the rows of a year are the
 * same whichever range of years is exported, and two exports cannot be subtracted to single a case out.
 */
final class KAnonymity {

    /** The groups of columns suppressed in turn: a row at level n has lost the first n. */
    static final List<List<String>> SUPPRESSION_ORDER = List.of(
            CtdcColumns.MEANS_OF_CONTROL,
            List.of("citizenship"),
            CtdcColumns.TYPES_OF_EXPLOITATION,
            List.of("ageBroad"),
            List.of("gender"),
            List.of("majorityStatus"));

    /**
     * @param rows            the published rows
     * @param rowsDropped     rows whose class stayed below k with every group suppressed
     * @param cellsSuppressed values (not already unknown) replaced by {@value CtdcColumns#UNKNOWN}
     * @param smallestClass   the number of rows of the smallest class published (0 when none is)
     */
    record Anonymised(List<Map<String, String>> rows, int k, int rowsDropped, int cellsSuppressed, int smallestClass) {
    }

    private KAnonymity() {
    }

    static Anonymised of(List<Map<String, String>> records, int k) {
        List<Map<String, String>> rows = new ArrayList<>(records);
        int[] levels = new int[rows.size()];
        boolean raised = true;
        while (raised) {
            raised = false;
            for (List<Integer> members : classes(rows).values()) {
                if (members.size() < k && levels[members.get(0)] < SUPPRESSION_ORDER.size()) {
                    // the whole class moves together, so a class of k or more never shrinks: it only gains rows
                    for (int member : members) {
                        rows.set(member, suppressed(rows.get(member), SUPPRESSION_ORDER.get(levels[member])));
                        levels[member]++;
                    }
                    raised = true;
                }
            }
        }
        List<Map<String, String>> published = new ArrayList<>();
        int smallest = 0;
        Map<List<String>, List<Integer>> classes = classes(rows);
        for (int i = 0; i < rows.size(); i++) {
            int size = classes.get(key(rows.get(i))).size();
            if (size >= k) {
                published.add(rows.get(i));
                smallest = smallest == 0 ? size : Math.min(smallest, size);
            }
        }
        int cellsSuppressed = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (classes.get(key(rows.get(i))).size() >= k) {
                for (Map.Entry<String, String> cell : records.get(i).entrySet()) {
                    if (!cell.getValue().equals(UNKNOWN) && rows.get(i).get(cell.getKey()).equals(UNKNOWN)) {
                        cellsSuppressed++;
                    }
                }
            }
        }
        return new Anonymised(List.copyOf(published), k, rows.size() - published.size(), cellsSuppressed, smallest);
    }

    /** The rows' indexes, grouped by the rows' values. */
    private static Map<List<String>, List<Integer>> classes(List<Map<String, String>> rows) {
        Map<List<String>, List<Integer>> classes = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            classes.computeIfAbsent(key(rows.get(i)), ignored -> new ArrayList<>()).add(i);
        }
        return classes;
    }

    private static List<String> key(Map<String, String> row) {
        return List.copyOf(row.values());
    }

    private static Map<String, String> suppressed(Map<String, String> row, Collection<String> columns) {
        Map<String, String> less = new LinkedHashMap<>(row);
        columns.forEach(column -> less.replace(column, UNKNOWN));
        return less;
    }
}
