package org.nrmplatform.caseservice.courtexport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.EventSummary;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.nrmplatform.shared.store.EventJson;
import org.springframework.stereotype.Component;

/**
 * The court export as a readable PDF timeline (Apache PDFBox): the legal basis, the verification result and
 * the covering checkpoint, then every event in order with when, what, who (organisation, role, person or
 * system) and why, and its hash. Every page carries the SHA-256 of the JSON export, which is attached to
 * the PDF as {@code export.json}, so the printed timeline can be tied to the verifiable export. Text is set
 * in DejaVu Sans Condensed (bundled), which covers the Latin, Cyrillic and Greek scripts of names.
 * The PDF's own words and the code-list labels are in the reader's {@link LabelLanguage}
 * ({@code courtexport/headings*.properties}); the attached export, and so all that is verified, is the same in every
 * language (the verification's summary and findings are the evidence module's, in English).
 */
@Component
class CourtExportPdf {

    private static final float MARGIN = 40;
    private static final float BODY = 9;
    private static final float SMALL = 7;
    private static final float TITLE = 14;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final byte[] FONT = font();

    private static byte[] font() {
        try (InputStream in = CourtExportPdf.class.getResourceAsStream("/fonts/DejaVuSansCondensed.ttf")) {
            if (in == null) {
                throw new IllegalStateException("fonts/DejaVuSansCondensed.ttf is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final CodeLists codeLists;

    CourtExportPdf(CodeLists codeLists) {
        this.codeLists = codeLists;
    }

    /** The words of the PDF in one language: a pattern of {@code headings*.properties} filled in. */
    private record Words(ResourceBundle bundle) {

        static Words in(LabelLanguage language) {
            return new Words(ResourceBundle.getBundle("courtexport.headings", language.locale(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }

        String say(String key, Object... values) {
            Object[] texts = Arrays.stream(values).map(String::valueOf).toArray(); // no number formats
            return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(texts);
        }
    }

    byte[] render(AuditExport export, byte[] json, String digest, LabelLanguage language) {
        Words words = Words.in(language);
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(FONT));
            Layout layout = new Layout(document, font);
            header(layout, export, words);
            timeline(layout, export, words, language);
            layout.close();
            footers(document, font, digest, words);
            attach(document, json);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(words.say("title", export.caseId()));
            info.setSubject(words.say("subject", digest));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the court export", e);
        }
    }

    private static void header(Layout layout, AuditExport export, Words words) throws IOException {
        layout.line(words.say("title", export.caseId()), TITLE);
        layout.gap(4);
        layout.line(words.say("exported", export.exportedAt(), export.exportedBy().get("organisationId"),
                person(export.exportedBy(), words)), BODY);
        Map<String, Object> basis = export.legalBasis();
        layout.line(words.say("legalBasis", basis.get("reference"), basis.get("requestedBy"), basis.get("recordedAt"),
                basis.get("recordedByOrganisationId"), basis.get("legalBasisId")), BODY);
        VerificationReport report = export.verification();
        layout.line(words.say("verification", report.status(), report.summary()), BODY);
        for (VerificationReport.Finding finding : report.findings()) {
            layout.line("  " + finding.problem() + " " + finding.aggregateType() + " " + finding.aggregateIdentifier()
                    + (finding.sequenceNumber() == null ? "" : words.say("sequence", finding.sequenceNumber())) + ": "
                    + finding.detail(), BODY);
        }
        if (export.checkpoint() != null) {
            layout.line(words.say("checkpoint", export.checkpoint().number(), export.checkpoint().createdAt(),
                    export.checkpoint().globalIndex(), export.checkpoint().streams(), export.checkpoint().root(),
                    export.checkpoint().keyId()), SMALL);
        } else {
            layout.line(words.say("noCheckpoint"), SMALL);
        }
        layout.line(words.say("events", export.events().size(), export.streams().size()), SMALL);
        layout.gap(8);
    }

    /** The opened payload as one line of JSON: the record as it was made, personal fields in clear. */
    private static final ObjectMapper READABLE = EventJson.mapper();

    private void timeline(Layout layout, AuditExport export, Words words, LabelLanguage language)
            throws IOException {
        int number = 1;
        for (AuditExport.Event event : export.events()) {
            EventSummary summary = event.summary();
            layout.keepTogether(4);
            layout.line(number++ + ".  " + event.timestamp() + "   " + summary.what() + "   (" + event.aggregateType()
                    + " " + event.aggregateIdentifier() + "," + words.say("sequence", event.sequenceNumber()) + ")",
                    BODY);
            layout.line(words.say("who", summary.organisationId())
                    + (summary.organisationType() == null ? "" : " ("
                    + codeLists.label("nrm-organisation-type", summary.organisationType(), language) + ")")
                    + words.say("roles", String.join(", ", summary.roles()))
                    + (summary.userId() != null ? words.say("user", summary.userId()) : "")
                    + (summary.clientId() != null ? words.say("system", summary.clientId()) : ""), BODY);
            if (!summary.why().isEmpty()) {
                layout.line(words.say("why", summary.why()), BODY);
            }
            if (event.erased()) {
                layout.line(words.say("erased"), BODY);
            } else if (event.readable() != null) {
                layout.line(words.say("recorded", READABLE.writeValueAsString(event.readable())), BODY);
            }
            layout.line(words.say("hashes", event.hash(), event.previousHash(), summary.correlationId()), SMALL);
            layout.gap(4);
        }
    }

    private static String person(Map<String, Object> actor, Words words) {
        Object user = actor.get("userId");
        Object client = actor.get("clientId");
        return (user != null ? words.say("user", user) : "") + (client != null ? words.say("system", client) : "");
    }

    private static void footers(PDDocument document, PDType0Font font, String digest, Words words)
            throws IOException {
        int pages = document.getNumberOfPages();
        for (int i = 0; i < pages; i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                content.beginText();
                content.setFont(font, SMALL);
                content.newLineAtOffset(MARGIN, MARGIN / 2);
                content.showText(words.say("footer", digest, i + 1, pages));
                content.endText();
            }
        }
    }

    private static void attach(PDDocument document, byte[] json) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(json));
        file.setSubtype("application/json");
        file.setSize(json.length);
        PDComplexFileSpecification specification = new PDComplexFileSpecification();
        specification.setFile("export.json");
        specification.setFileUnicode("export.json");
        specification.setEmbeddedFile(file);
        specification.setEmbeddedFileUnicode(file);
        PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
        files.setNames(Map.of("export.json", specification));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
        names.setEmbeddedFiles(files);
        document.getDocumentCatalog().setNames(names);
    }

    /** Lines of text down A4 pages, wrapped to the width, a new page when one is full. */
    private static final class Layout {

        private final PDDocument document;
        private final PDType0Font font;
        private final Map<Integer, String> printable = new HashMap<>();
        private PDPageContentStream content;
        private float y;

        Layout(PDDocument document, PDType0Font font) throws IOException {
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

        /** Starts a new page unless {@code lines} body lines still fit on this one. */
        void keepTogether(int lines) throws IOException {
            if (y - lines * BODY * 1.3f < MARGIN) {
                newPage();
            }
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
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
                while (font.getStringWidth(line.toString()) / 1000 * size > width && line.length() > 1) {
                    int cut = line.length() * 9 / 10;
                    lines.add(line.substring(0, cut));
                    line = new StringBuilder(line.substring(cut));
                }
            }
            lines.add(line.toString());
            return lines;
        }

        /** The text with characters the font has no glyph for (and control characters) as '?'. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(codePoint -> out.append(printable.computeIfAbsent(codePoint, this::glyph)));
            return out.toString();
        }

        private String glyph(int codePoint) {
            if (Character.isISOControl(codePoint)) {
                return " ";
            }
            String character = new String(Character.toChars(codePoint));
            try {
                font.encode(character); // refuses a character without a glyph
                return character;
            } catch (IOException | IllegalArgumentException e) {
                return "?";
            }
        }

        void close() throws IOException {
            content.close();
        }
    }
}
