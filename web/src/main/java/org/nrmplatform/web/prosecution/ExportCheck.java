package org.nrmplatform.web.prosecution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.evidence.VerificationReport.Finding;

/**
 * What verifying a court export found, as the offline verifier reports it (verifier's ExportVerifier, the same
 * evidence code): every event against its hash and its predecessor, the checkpoint's signature against the
 * platform's public key, every stream up to the head the checkpoint signed, each summary against its stored event;
 * and, for the PDF, that the JSON it carries is the one whose SHA-256 it prints on every page.
 *
 * @param status           INTACT, TAMPERED or NOT_CHAINED (the verification's, TAMPERED also when a summary or
 *                         the PDF's digest does not match)
 * @param summary          the verification's own sentence (English, as the verifier prints it)
 * @param platformKey      the checkpoint verified with the key the platform publishes (not one the export names)
 * @param pagesWithDigest  pages of the PDF that print the SHA-256 of the attached JSON, of {@code pages}
 * @param atExport         the platform's own result when it made the export
 */
record ExportCheck(String status, String summary, int events, int streams, int chainedEvents,
                   int eventsAfterCheckpoint, Long checkpointNumber, String checkpointCreatedAt,
                   Long checkpointGlobalIndex, String keyId, boolean platformKey, String digest,
                   int pagesWithDigest, int pages, List<String> findings, String atExport, String exportedAt,
                   String legalBasisReference, String legalBasisRequestedBy) {

    static ExportCheck of(AuditExport export, VerificationReport report, String keyId, String digest,
                          int pagesWithDigest, int pages) {
        List<String> findings = new ArrayList<>();
        for (Finding finding : report.findings()) {
            findings.add(finding.problem() + " " + (finding.aggregateIdentifier() == null ? "checkpoint"
                    : finding.aggregateType() + " " + finding.aggregateIdentifier()
                    + (finding.sequenceNumber() == null ? "" : " sequence " + finding.sequenceNumber()))
                    + ": " + finding.detail());
        }
        List<String> mismatches = export.summaryMismatches();
        mismatches.forEach(mismatch -> findings.add("ALTERED " + mismatch));
        boolean printed = pages > 0 && pagesWithDigest == pages;
        String status = mismatches.isEmpty() && printed ? report.status().name()
                : VerificationReport.Status.TAMPERED.name();
        Checkpoint checkpoint = export.checkpoint();
        Map<String, Object> basis = export.legalBasis() == null ? Map.of() : export.legalBasis();
        return new ExportCheck(status, report.summary(), report.events(), report.streams(), report.chainedEvents(),
                report.eventsAfterCheckpoint(), checkpoint == null ? null : checkpoint.number(),
                checkpoint == null ? null : checkpoint.createdAt(), checkpoint == null ? null : checkpoint.globalIndex(),
                keyId, export.publicKey() == null || export.publicKey().keyId().equals(keyId), digest,
                pagesWithDigest, pages, List.copyOf(findings),
                export.verification() == null ? null : export.verification().status().name(), export.exportedAt(),
                String.valueOf(basis.getOrDefault("reference", "")),
                String.valueOf(basis.getOrDefault("requestedBy", "")));
    }

    public boolean intact() {
        return status.equals("INTACT");
    }
}
