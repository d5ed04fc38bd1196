package org.nrmplatform.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.evidence.VerificationReport.Finding;

/**
 * The offline verifier: checks a court export against the platform's public key without the platform
 * running, with the same code the platform verifies with (org.nrmplatform.evidence).
 *
 * <pre>java -jar nrm-verifier.jar export.json --public-key key.pem</pre>
 *
 * Exit code 0: every event is intact, chained and covered as the signed checkpoint says; 1: anything else
 * (tampered, not chained, not a readable export); 2: wrong usage or an unreadable key file.
 */
public final class ExportVerifier {

    public static final int INTACT = 0;
    public static final int NOT_INTACT = 1;
    public static final int USAGE = 2;

    private ExportVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier as the command line does; the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path exportFile = null;
        Path keyFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--public-key") && i + 1 < args.length) {
                keyFile = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                usage(out);
                return INTACT;
            } else if (exportFile == null && !args[i].startsWith("--")) {
                exportFile = Path.of(args[i]);
            } else {
                err.println("Unexpected argument: " + args[i]);
                usage(err);
                return USAGE;
            }
        }
        if (exportFile == null) {
            usage(err);
            return USAGE;
        }
        SigningKey key = null;
        if (keyFile != null) {
            try {
                key = SigningKey.read(keyFile);
            } catch (IOException | IllegalArgumentException e) {
                err.println("Cannot read the public key " + keyFile + ": " + e.getMessage());
                return USAGE;
            }
        }
        byte[] json;
        try {
            json = Files.readAllBytes(exportFile);
        } catch (IOException e) {
            err.println("Cannot read the export " + exportFile + ": " + e.getMessage());
            return USAGE;
        }
        return verify(exportFile, json, key, out);
    }

    private static int verify(Path exportFile, byte[] json, SigningKey key, PrintStream out) {
        out.println("NRM court export verifier");
        out.println("Export:       " + exportFile + " (SHA-256 " + EventHash.sha256(json) + ")");
        AuditExport export;
        try {
            export = AuditExport.read(json);
        } catch (AuditExport.Unreadable e) {
            out.println("Result:       NOT VERIFIABLE - " + e.getMessage());
            return NOT_INTACT;
        }
        out.println("Case:         " + export.caseId() + ", exported " + export.exportedAt());
        Map<String, Object> basis = export.legalBasis();
        if (basis != null) {
            out.println("Legal basis:  " + basis.get("reference") + ", requested by " + basis.get("requestedBy"));
        }
        if (key == null) {
            if (export.publicKey() == null) {
                out.println("Result:       NOT VERIFIABLE - no --public-key given and the export carries none");
                return NOT_INTACT;
            }
            key = SigningKey.parse(export.publicKey().pem());
            out.println("Public key:   " + key.keyId() + ", TAKEN FROM THE EXPORT ITSELF: this shows the export is "
                    + "consistent, not that the platform signed it; give --public-key with the key obtained from "
                    + "the platform (GET /api/audit/public-key?format=pem)");
        } else {
            out.println("Public key:   " + key.keyId() + (export.publicKey() != null
                    && !export.publicKey().keyId().equals(key.keyId())
                    ? " (the export names key " + export.publicKey().keyId() + ")" : ""));
        }
        VerificationReport report = ChainVerification.verify(export.streamEvidence(), export.checkpoint(),
                key.publicKey());
        if (export.checkpoint() != null) {
            out.println("Checkpoint:   " + export.checkpoint().number() + " of " + export.checkpoint().createdAt()
                    + ", covers global index " + export.checkpoint().globalIndex() + ", signed by key "
                    + export.checkpoint().keyId());
        } else {
            out.println("Checkpoint:   none: removal of a stream's last events cannot be detected");
        }
        out.println("Events:       " + report.events() + " in " + report.streams() + " streams, " + report.chainedEvents()
                + " chained, " + report.eventsAfterCheckpoint() + " newer than the checkpoint");
        List<String> summaries = export.summaryMismatches();
        boolean intact = report.intact() && summaries.isEmpty();
        out.println("Result:       " + (summaries.isEmpty() ? report.status() : VerificationReport.Status.TAMPERED)
                + " - " + report.summary());
        for (Finding finding : report.findings()) {
            out.println("  " + finding.problem() + " " + (finding.aggregateIdentifier() == null ? "checkpoint"
                    : finding.aggregateType() + " " + finding.aggregateIdentifier()
                    + (finding.sequenceNumber() == null ? "" : " sequence " + finding.sequenceNumber()))
                    + ": " + finding.detail());
        }
        summaries.forEach(mismatch -> out.println("  ALTERED " + mismatch));
        if (export.verification() != null) {
            out.println("The platform's own result at export: " + export.verification().status());
        }
        return intact ? INTACT : NOT_INTACT;
    }

    private static void usage(PrintStream to) {
        to.println(new String("""
                Usage: java -jar nrm-verifier.jar <export.json> --public-key <key.pem>

                Checks a court export of the NRM platform offline: every event against its hash and its
                predecessor, the checkpoint's Ed25519 signature against the platform's public key (PEM, from
                GET /api/audit/public-key?format=pem), and that every stream reaches the head the checkpoint
                signed. Exit code 0: intact; 1: not intact or not verifiable; 2: wrong usage.
                """.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
