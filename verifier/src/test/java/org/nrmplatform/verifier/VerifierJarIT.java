package org.nrmplatform.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.evidence.HeadTree;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.StoredEvent;
import org.nrmplatform.evidence.StreamEvidence;
import org.nrmplatform.evidence.StreamHead;

/**
 * The packaged jar as a user runs it ({@code java -jar target/nrm-verifier.jar}), after {@code package}: on an
 * export chained, checkpointed and signed with the platform's code, and on copies with an event removed and
 * with a forged key. (case-service's AuditApiTest runs the same command line on an export served over HTTP.)
 */
class VerifierJarIT {

    @TempDir
    Path files;

    @Test
    void theJarChecksAnExportAndExitsWithWhatItFound() throws Exception {
        SigningKey key = SigningKey.generate();
        List<StoredEvent> events = new ArrayList<>();
        String previous = EventHash.GENESIS;
        for (int sequence = 0; sequence < 3; sequence++) {
            StoredEvent event = new StoredEvent(10 + sequence, "case-1", sequence, "Case", "e-" + sequence,
                    "2026-11-20T09:30:0" + sequence + ".000Z", "org.example.Events$Noted", null,
                    "{\"note\":\"step " + sequence + "\"}", "{\"organisationId\":\"org-1\",\"roles\":[\"first-line\"]}",
                    previous, null);
            event = event.withHashes(previous, EventHash.of(event));
            previous = event.hash();
            events.add(event);
        }
        HeadTree tree = HeadTree.of(List.of(new StreamHead("case-1", 2, previous), new StreamHead("other", 5, null)));
        Checkpoint checkpoint = new Checkpoint(1, "2026-11-20T10:00:00.000Z", 12, tree.size(), tree.root(),
                key.keyId(), null).signedWith(key.privateKey());
        int index = tree.indexOf("case-1");
        List<StreamEvidence> streams = List.of(new StreamEvidence("case-1", "Case", events,
                new StreamEvidence.CoveredHead(tree.heads().get(index), index, tree.proof(index))));
        AuditExport export = AuditExport.of("case-1", "2026-11-20T11:00:00Z", Map.of("organisationId", "prosecutors"),
                Map.of("reference", "K-1/2026", "requestedBy", "Court"), checkpoint, key,
                ChainVerification.verify(streams, checkpoint, key.publicKey()), streams);
        Path exportFile = Files.write(files.resolve("export.json"), export.json());
        Path keyFile = Files.writeString(files.resolve("key.pem"), key.publicKeyPem());

        Run intact = run(exportFile.toString(), "--public-key", keyFile.toString());
        assertThat(intact.exit()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("Result:       INTACT");

        AuditExport truncated = new AuditExport(export.format(), export.caseId(), export.exportedAt(),
                export.exportedBy(), export.legalBasis(), export.checkpoint(), export.publicKey(), export.verification(),
                export.streams(), export.events().subList(0, 2));
        Run removed = run(Files.write(files.resolve("truncated.json"), truncated.json()).toString(),
                "--public-key", keyFile.toString());
        assertThat(removed.exit()).isEqualTo(1);
        assertThat(removed.output()).contains("REMOVED Case case-1 sequence 2");

        Path otherKey = Files.writeString(files.resolve("other.pem"), SigningKey.generate().publicKeyPem());
        Run forged = run(exportFile.toString(), "--public-key", otherKey.toString());
        assertThat(forged.exit()).isEqualTo(1);
        assertThat(forged.output()).contains("CHECKPOINT_INVALID");

        assertThat(run().exit()).as("no export named").isEqualTo(2);
        Run garbage = run(Files.writeString(files.resolve("garbage.json"), "{\"format\": \"nrm-court-ex").toString(),
                "--public-key", keyFile.toString());
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.output()).contains("NOT VERIFIABLE");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "nrm-verifier.jar").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
