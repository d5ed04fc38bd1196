package org.nrmplatform.caseservice.actionplan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.ActivityLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.IndicatorLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.Narrative;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.ObjectiveLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.PeriodStatus;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.PeriodValue;
import org.springframework.stereotype.Component;

/**
 * A plan's report as a PDF (Apache PDFBox, as the court export): the plan, then each objective with its activities
 * and indicators, each period's status and value, then the periods' narratives. Set in the DejaVu Sans Condensed
 * the court export bundles, which covers the region's Latin and Cyrillic scripts.
 */
@Component
class ActionPlanPdf {

    private static final float MARGIN = 40;
    private static final float BODY = 9;
    private static final float HEADING = 11;
    private static final float TITLE = 14;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final byte[] FONT = font();

    private static byte[] font() {
        try (InputStream in = ActionPlanPdf.class.getResourceAsStream("/fonts/DejaVuSansCondensed.ttf")) {
            if (in == null) {
                throw new IllegalStateException("fonts/DejaVuSansCondensed.ttf is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] render(ActionPlanReport report) {
        try (PDDocument document = new PDDocument()) {
            Pages pages = new Pages(document, PDType0Font.load(document, new ByteArrayInputStream(FONT)));
            pages.line(report.title(), TITLE);
            pages.line("National action plan " + report.startsOn() + " to " + report.endsOn() + ". Report made "
                    + report.madeAt() + "; periods reported on: "
                    + (report.periods().isEmpty() ? "none yet" : String.join(", ", report.periods())) + ".", BODY);
            pages.line("Values of computed indicators are the NRM performance indicators' national figures; small "
                    + "cells are suppressed as they are there.", BODY);
            int number = 1;
            for (ObjectiveLine objective : report.objectives()) {
                pages.gap(8);
                pages.line("Objective " + number++ + ": " + objective.title(), HEADING);
                for (ActivityLine activity : objective.activities()) {
                    pages.gap(3);
                    pages.line("Activity: " + activity.title() + " - " + activity.responsibleInstitution()
                            + ", deadline " + activity.deadline() + ", " + words(activity.status()), BODY);
                    for (PeriodStatus period : activity.periods()) {
                        pages.line("    " + period.period() + ": " + words(period.status()), BODY);
                    }
                }
                for (IndicatorLine indicator : objective.indicators()) {
                    pages.gap(3);
                    pages.line("Indicator: " + indicator.name() + " (" + indicator.unit() + "), baseline "
                            + indicator.baseline().toPlainString() + ", target " + indicator.target().toPlainString()
                            + ", " + (indicator.source().equals("computed") ? "computed from " + indicator.boundTo()
                            + (indicator.category() == null ? "" : " " + indicator.category())
                            : "reported by " + indicator.reportedBy()), BODY);
                    for (PeriodValue period : indicator.periods()) {
                        String value = period.suppressed() ? "suppressed (small cell)"
                                : period.value() == null ? "no value" : period.value().toPlainString();
                        pages.line("    " + period.period() + ": " + value + ", " + words(period.status())
                                + (period.note() == null ? "" : " - " + period.note()), BODY);
                    }
                }
            }
            if (!report.narratives().isEmpty()) {
                pages.gap(8);
                pages.line("Progress reports", HEADING);
                for (Narrative narrative : report.narratives()) {
                    pages.gap(3);
                    pages.line(narrative.period() + " (reported " + narrative.reportedAt() + "): "
                            + narrative.narrative(), BODY);
                }
            }
            pages.close();
            document.getDocumentInformation().setTitle(report.title());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the action plan report", e);
        }
    }

    private static String words(Object status) {
        return status == null ? "no status" : Objects.toString(status).toLowerCase().replace('_', ' ');
    }

    /** Lines of text down A4 pages, wrapped to the width; characters the font lacks become '?'. */
    private static final class Pages {

        private final PDDocument document;
        private final PDType0Font font;
        private PDPageContentStream content;
        private float y;

        Pages(PDDocument document, PDType0Font font) throws IOException {
            this.document = document;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        }

        void gap(float points) {
            y -= points;
        }

        void line(String text, float size) throws IOException {
            for (String wrapped : wrap(printable(text), size)) {
                if (y - size * 1.3f < MARGIN) {
                    newPage();
                }
                y -= size * 1.3f;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(wrapped);
                content.endText();
            }
        }

        private List<String> wrap(String text, float size) throws IOException {
            float width = PAGE.getWidth() - 2 * MARGIN;
            List<String> lines = new ArrayList<>();
            String line = "";
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(line);
                    line = word;
                } else {
                    line = candidate;
                }
            }
            lines.add(line);
            return lines;
        }

        private String printable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(codePoint -> {
                if (Character.isISOControl(codePoint)) {
                    out.append(' ');
                    return;
                }
                String character = new String(Character.toChars(codePoint));
                try {
                    font.encode(character);
                    out.append(character);
                } catch (IOException | IllegalArgumentException noGlyph) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        void close() throws IOException {
            content.close();
        }
    }
}
