package org.nrmplatform.web.prosecution;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.web.platform.PlatformApi.Download;
import org.nrmplatform.web.platform.PlatformApi.LaterCalls;
import org.nrmplatform.web.platform.RefusedAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The court exports prosecutors asked for, made on another thread while their page follows the progress (htmx
 * polling): the platform's PDF is received chunk by chunk, the JSON export it carries is taken out of it, and both
 * are verified here as the offline verifier would, against the key the platform publishes. The files are kept in
 * memory for {@value #KEPT_MINUTES} minutes for their owner to download, then forgotten (as is everything at a
 * restart: asking again makes a new export).
 */
@Component
class CourtExports {

    static final int KEPT_MINUTES = 30;
    private static final int MOST_KEPT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(CourtExports.class);

    private final Map<UUID, CourtExport> exports = new ConcurrentHashMap<>();
    private final TaskExecutor work;
    private final Clock clock;

    CourtExports(@Qualifier("applicationTaskExecutor") TaskExecutor work, Clock clock) {
        this.work = work;
        this.clock = clock;
    }

    /** Starts the export of a case for its owner (the person signed in), with the calls made on their behalf. */
    CourtExport start(UUID caseId, String owner, LaterCalls calls) {
        forgetOld();
        CourtExport export = new CourtExport(UUID.randomUUID(), caseId, owner, clock.instant());
        exports.put(export.id(), export);
        work.execute(() -> make(export, calls));
        return export;
    }

    /** An export of this owner's; nobody else's is found. */
    Optional<CourtExport> find(UUID exportId, String owner) {
        return Optional.ofNullable(exports.get(exportId)).filter(export -> export.owner().equals(owner));
    }

    /** This owner's exports of a case, newest first. */
    List<CourtExport> of(UUID caseId, String owner) {
        return exports.values().stream().filter(export -> export.owner().equals(owner))
                .filter(export -> export.caseId().equals(caseId))
                .sorted(Comparator.comparing(CourtExport::startedAt).reversed()).toList();
    }

    private void make(CourtExport export, LaterCalls calls) {
        try {
            Download pdf = calls.download("/api/cases/{id}/audit-export?format=pdf", export::receiving,
                    export.caseId());
            SigningKey key = SigningKey.parse(calls.text("/api/audit/public-key?format=pem"));
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                byte[] json = attachedExport(document);
                if (json == null) {
                    export.failed("the PDF carries no export.json");
                    return;
                }
                export.verifying(pdf.body(), json);
                String digest = EventHash.sha256(json);
                int pages = document.getNumberOfPages();
                int printed = pagesPrinting(document, digest);
                AuditExport read = AuditExport.read(json);
                VerificationReport report = ChainVerification.verify(read.streamEvidence(), read.checkpoint(),
                        key.publicKey());
                export.ready(ExportCheck.of(read, report, key.keyId(), digest, printed, pages));
            }
        } catch (RefusedAction refused) {
            export.refused(refused.status(), refused.getMessage());
        } catch (IOException | RuntimeException failed) { // an unreadable export (AuditExport.Unreadable) too
            LOG.warn("Court export {} of case {} failed", export.id(), export.caseId(), failed);
            export.failed(failed.getMessage());
        }
    }

    private static byte[] attachedExport(PDDocument document) throws IOException {
        PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
        if (names == null || names.getEmbeddedFiles() == null || names.getEmbeddedFiles().getNames() == null) {
            return null;
        }
        PDComplexFileSpecification file = names.getEmbeddedFiles().getNames().get("export.json");
        return file == null || file.getEmbeddedFile() == null ? null : file.getEmbeddedFile().toByteArray();
    }

    /** The pages whose text shows the digest (the PDF prints the SHA-256 of its export.json on every page). */
    private static int pagesPrinting(PDDocument document, String digest) throws IOException {
        PDFTextStripper text = new PDFTextStripper();
        int printing = 0;
        for (int page = 1; page <= document.getNumberOfPages(); page++) {
            text.setStartPage(page);
            text.setEndPage(page);
            if (text.getText(document).replaceAll("\\s", "").contains(digest)) {
                printing++;
            }
        }
        return printing;
    }

    private void forgetOld() {
        Instant before = clock.instant().minus(Duration.ofMinutes(KEPT_MINUTES));
        exports.values().removeIf(export -> !export.running() && export.startedAt().isBefore(before));
        if (exports.size() >= MOST_KEPT) {
            exports.values().stream().filter(export -> !export.running())
                    .min(Comparator.comparing(CourtExport::startedAt))
                    .ifPresent(oldest -> exports.remove(oldest.id()));
        }
    }
}
