package org.nrmplatform.web.monitoring;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of indicator figures as horizontal bars for the SVG the page draws on the server, and the same figures
 * as the table beside it. A suppressed figure has no value: its bar is a short hatched one, said as suppressed.
 *
 * @param id     the figure's id on the page (the SVG's; its table's is {@code id + "-table"})
 * @param height the drawing's height in its own units (its width is {@value StatisticsChart#WIDTH})
 */
record IndicatorFigure(String id, List<Bar> bars, int height) {

    /**
     * @param label the bar's name, shortened to fit beside it
     * @param title the full name, for the tooltip and the table
     * @param text  the figure as the page says it ("12", "37.5 % (12 of 32)", ...)
     */
    record Bar(String label, String title, String text, boolean suppressed, int y, int width) {

        public int textY() {
            return y + 18;
        }

        public int valueX() {
            return StatisticsChart.LABELS + width + 8;
        }
    }

    /** One figure before it is laid out: its value decides the bar's length (none when suppressed). */
    record Value(String title, String text, Double value) {
    }

    private static final int LABEL_LENGTH = 36;

    /** Lays the values out, each bar's length its share of {@code scale} (the largest value when null). */
    static IndicatorFigure of(String id, List<Value> values, Double scale) {
        double largest = scale != null ? scale : values.stream().map(Value::value).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int y = 4;
        for (Value value : values) {
            String shown = value.title().length() > LABEL_LENGTH
                    ? value.title().substring(0, LABEL_LENGTH - 1) + "…" : value.title();
            boolean suppressed = value.value() == null;
            int width = suppressed ? StatisticsChart.SUPPRESSED_WIDTH : largest <= 0 ? 0
                    : (int) Math.max(2, Math.round(value.value() / largest * StatisticsChart.BAR_SPACE));
            bars.add(new Bar(shown, value.title(), value.text(), suppressed, y, width));
            y += StatisticsChart.ROW;
        }
        return new IndicatorFigure(id, List.copyOf(bars), y + 4);
    }
}
