package org.nrmplatform.caseservice.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which cells of a table may not be published. Primary: a count below the threshold. Secondary: every
 * margin of a table (each line of cells that differ in one dimension only) can be asked for separately,
 * as a table of one dimension fewer, and the grand total as the table of no dimension. A line holding
 * exactly one suppressed cell would give it away by subtraction, so the smallest published cell of that
 * line is suppressed too, until no line holds exactly one. A line whose only cell is suppressed needs
 * nothing more: its margin is that same small count, suppressed in its own table.
 */
final class CellSuppression {

    private CellSuppression() {
    }

    /** The keys (one value per dimension) of the cells to suppress among {@code counts}. */
    static Set<List<String>> suppressed(Map<List<String>, Long> counts, int dimensions, int threshold) {
        Set<List<String>> suppressed = new HashSet<>();
        counts.forEach((key, count) -> {
            if (count < threshold) {
                suppressed.add(key);
            }
        });
        boolean changed = !suppressed.isEmpty();
        while (changed) {
            changed = false;
            for (int dimension = 0; dimension < dimensions; dimension++) {
                for (List<List<String>> line : lines(counts.keySet(), dimension)) {
                    long hidden = line.stream().filter(suppressed::contains).count();
                    if (hidden == 1) {
                        changed |= line.stream().filter(key -> !suppressed.contains(key))
                                .min(Comparator.comparing((List<String> key) -> counts.get(key))
                                        .thenComparing(Object::toString))
                                .map(suppressed::add).orElse(false);
                    }
                }
            }
        }
        return suppressed;
    }

    /** The cells grouped by their values in every dimension but {@code dimension}. */
    private static Iterable<List<List<String>>> lines(Set<List<String>> keys, int dimension) {
        Map<List<String>, List<List<String>>> lines = new HashMap<>();
        for (List<String> key : keys) {
            List<String> rest = new ArrayList<>(key);
            rest.remove(dimension);
            lines.computeIfAbsent(rest, ignored -> new ArrayList<>()).add(key);
        }
        return lines.values();
    }
}
