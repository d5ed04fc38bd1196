package org.nrmplatform.evidence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrmplatform.evidence.StreamEvidence.CoveredHead;

/**
 * The court export of a case (format {@value #FORMAT}): every event of the case's streams in global order,
 * each as stored (with its hashes) and summarised for a reader, the streams with their heads and inclusion
 * proofs in the covering checkpoint, that checkpoint with its signature, the public key it verifies with,
 * the legal basis the export was made on, and the platform's verification result. The offline verifier reads
 * it back ({@link #read}) and checks it with {@link ChainVerification}, the same code as the platform.
 */
public record AuditExport(String format, String caseId, String exportedAt, Map<String, Object> exportedBy,
                          Map<String, Object> legalBasis, Checkpoint checkpoint, PublicKeyInfo publicKey,
                          VerificationReport verification, List<Stream> streams, List<Event> events) {

    public static final String FORMAT = "nrm-court-export/1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The key checkpoints are signed with, as {@code GET /api/audit/public-key} serves it. */
    public record PublicKeyInfo(String keyId, String algorithm, String pem) {

        public static PublicKeyInfo of(SigningKey key) {
            return new PublicKeyInfo(key.keyId(), "Ed25519", key.publicKeyPem());
        }
    }

    /** One stream of the case, and where the checkpoint saw it end (null: not in the checkpoint). */
    public record Stream(String aggregateType, String aggregateIdentifier, Head head) {
    }

    public record Head(long sequenceNumber, String hash, long leafIndex, List<String> proof) {
    }

    /**
     * One event: the stored fields that are hashed, its hashes, and a summary derived from them. For an event
     * with personal fields (stored sealed), {@code readable} is its payload with those fields opened for the
     * reader, and {@code erased} says the data subject was erased (the fields are then null): a reading aid
     * made at export time, outside what is hashed and verified, as the stored payload holds only ciphertext.
     */
    public record Event(long globalIndex, String aggregateType, String aggregateIdentifier, long sequenceNumber,
                        String eventIdentifier, String timestamp, String payloadType, String payloadRevision,
                        String payload, String metaData, String previousHash, String hash, EventSummary summary,
                        Map<String, Object> readable, boolean erased) {

        public static Event of(StoredEvent stored) {
            return new Event(stored.globalIndex(), stored.aggregateType(), stored.aggregateIdentifier(),
                    stored.sequenceNumber(), stored.eventIdentifier(), stored.timestamp(), stored.payloadType(),
                    stored.payloadRevision(), stored.payload(), stored.metaData(), stored.previousHash(),
                    stored.hash(), EventSummary.of(stored), null, false);
        }

        /** The event with its personal fields opened for reading ({@code readable} null: it has none). */
        public Event withReadable(Map<String, Object> readable, boolean erased) {
            return new Event(globalIndex, aggregateType, aggregateIdentifier, sequenceNumber, eventIdentifier,
                    timestamp, payloadType, payloadRevision, payload, metaData, previousHash, hash, summary,
                    readable, erased);
        }

        public StoredEvent stored() {
            return new StoredEvent(globalIndex, aggregateIdentifier, sequenceNumber, aggregateType, eventIdentifier,
                    timestamp, payloadType, payloadRevision, payload, metaData, previousHash, hash);
        }
    }

    /** The export of these streams, events in global order. */
    public static AuditExport of(String caseId, String exportedAt, Map<String, Object> exportedBy,
                                 Map<String, Object> legalBasis, Checkpoint checkpoint, SigningKey key,
                                 VerificationReport verification, List<StreamEvidence> streams) {
        List<Stream> listed = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (StreamEvidence stream : streams) {
            CoveredHead covered = stream.head();
            listed.add(new Stream(stream.aggregateType(), stream.aggregateIdentifier(), covered == null ? null
                    : new Head(covered.head().sequenceNumber(), covered.head().hash(), covered.leafIndex(),
                    covered.proof())));
            stream.events().forEach(event -> events.add(Event.of(event)));
        }
        events.sort(Comparator.comparingLong(Event::globalIndex));
        return new AuditExport(FORMAT, caseId, exportedAt, exportedBy, legalBasis, checkpoint,
                key == null ? null : PublicKeyInfo.of(key), verification, listed, events);
    }

    /** The same export with these events (the same events, made readable). */
    public AuditExport withEvents(List<Event> readableEvents) {
        return new AuditExport(format, caseId, exportedAt, exportedBy, legalBasis, checkpoint, publicKey,
                verification, streams, List.copyOf(readableEvents));
    }

    /** The export as JSON (UTF-8, indented): the bytes whose SHA-256 the PDF prints. */
    public byte[] json() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the export", e);
        }
    }

    /** An export that could not be read: not JSON, truncated, or not of this format. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** Reads an export strictly: complete JSON of format {@value #FORMAT}, with its streams and events. */
    public static AuditExport read(byte[] json) {
        AuditExport export;
        try {
            export = JSON.readValue(json, AuditExport.class);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                    : e.getMessage();
            throw new Unreadable("not a readable export (malformed or truncated JSON): " + reason);
        }
        if (export == null || !FORMAT.equals(export.format())) {
            throw new Unreadable("not an export of format " + FORMAT
                    + (export == null ? "" : " (format: " + export.format() + ")"));
        }
        if (export.streams() == null || export.events() == null) {
            throw new Unreadable("the export lists no " + (export.streams() == null ? "streams" : "events"));
        }
        for (Event event : export.events()) {
            if (event == null || event.aggregateIdentifier() == null) {
                throw new Unreadable("an event of the export has no aggregateIdentifier");
            }
        }
        return export;
    }

    /** The exported streams as the verification takes them: each stream's events in sequence order. */
    public List<StreamEvidence> streamEvidence() {
        Map<String, List<StoredEvent>> byStream = new LinkedHashMap<>();
        streams.forEach(stream -> byStream.put(stream.aggregateIdentifier(), new ArrayList<>()));
        for (Event event : events) {
            byStream.computeIfAbsent(event.aggregateIdentifier(), id -> new ArrayList<>()).add(event.stored());
        }
        Map<String, Stream> listed = new LinkedHashMap<>();
        streams.forEach(stream -> listed.put(stream.aggregateIdentifier(), stream));
        List<StreamEvidence> evidence = new ArrayList<>();
        byStream.forEach((id, stored) -> {
            stored.sort(Comparator.comparingLong(StoredEvent::sequenceNumber));
            Stream stream = listed.get(id);
            Head head = stream == null ? null : stream.head();
            evidence.add(new StreamEvidence(id, stream == null ? null : stream.aggregateType(), stored,
                    head == null ? null : new CoveredHead(new StreamHead(id, head.sequenceNumber(), head.hash()),
                            head.leafIndex(), head.proof())));
        });
        return evidence;
    }

    /** Events whose summary says something other than their stored payload and metadata: one line each. */
    public List<String> summaryMismatches() {
        List<String> mismatches = new ArrayList<>();
        for (Event event : events) {
            if (!EventSummary.of(event.stored()).equals(event.summary())) {
                mismatches.add(event.aggregateType() + " " + event.aggregateIdentifier() + " sequence "
                        + event.sequenceNumber() + ": its summary differs from its stored payload and metadata");
            }
        }
        return mismatches;
    }
}
