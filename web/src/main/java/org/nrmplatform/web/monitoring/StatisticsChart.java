package org.nrmplatform.web.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The cells of a statistics answer laid out as horizontal bars, one per combination of values, for the SVG the
 * page draws on the server (no script, nothing the Content-Security-Policy would have to allow). A suppressed
 * cell has no count: its bar is a short hatched one, labelled as suppressed, never a guess.
 *
 * @param height the drawing's height in its own units (its width is {@value #WIDTH})
 */
record StatisticsChart(List<Bar> bars, int height, long largest) {

    static final int WIDTH = 720;
    static final int LABELS = 260;
    static final int BAR_SPACE = 360;
    static final int ROW = 28;
    static final int SUPPRESSED_WIDTH = 48;
    private static final int LABEL_LENGTH = 36;

    /**
     * @param label the cell's values as the page says them, shortened to fit beside the bar
     * @param title all of them, for the tooltip and the table
     * @param y     the top of the bar's row
     * @param width the bar's length: its share of the largest count, or a fixed stub when suppressed
     */
    record Bar(String label, String title, Long count, boolean suppressed, int y, int width) {

        public int textY() {
            return y + 18;
        }

        public int countX() {
            return LABELS + width + 8;
        }
    }

    /**
     * @param cells   the API's cells: {@code values} (dimension to value), {@code count} (null when suppressed)
     * @param groupBy the dimensions, in the order asked
     * @param label   how the page names a value of a dimension
     * @param all     the name of the one cell when nothing is grouped
     */
    static StatisticsChart of(List<Map<String, Object>> cells, List<String> groupBy,
                              BiFunction<String, String, String> label, String all) {
        long largest = cells.stream().map(cell -> cell.get("count")).filter(Number.class::isInstance)
                .mapToLong(count -> ((Number) count).longValue()).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int y = 4;
        for (Map<String, Object> cell : cells) {
            Map<?, ?> values = cell.get("values") instanceof Map<?, ?> map ? map : Map.of();
            List<String> named = groupBy.stream()
                    .map(dimension -> label.apply(dimension, String.valueOf(values.get(dimension)))).toList();
            String title = named.isEmpty() ? all : String.join(" · ", named);
            String shown = title.length() > LABEL_LENGTH ? title.substring(0, LABEL_LENGTH - 1) + "…" : title;
            Long count = cell.get("count") instanceof Number number ? number.longValue() : null;
            boolean suppressed = count == null;
            int width = suppressed ? SUPPRESSED_WIDTH
                    : largest == 0 ? 0 : (int) Math.max(2, Math.round((double) count / largest * BAR_SPACE));
            bars.add(new Bar(shown, title, count, suppressed, y, width));
            y += ROW;
        }
        return new StatisticsChart(List.copyOf(bars), y + 4, largest);
    }
}
