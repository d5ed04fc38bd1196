package org.nrmplatform.web.prosecution;

import java.time.Instant;
import java.util.UUID;

/**
 * One court export a prosecutor asked for here, while it is made and once it is: how far it got (the platform
 * assembling and rendering it, the PDF arriving, its verification), then the PDF, the JSON export it carries, and
 * what verifying them found. Written by the thread that makes it, read by the page that follows it.
 */
final class CourtExport {

    enum Stage {
        /** Asked: the platform is collecting, verifying and rendering the case's events. */
        ASKED,
        /** The PDF is arriving. */
        RECEIVING,
        /** Checking the export as the offline verifier does. */
        VERIFYING,
        READY,
        /** The platform refused it (no legal basis recorded, no such case). */
        REFUSED,
        /** It could not be made or read; {@link #problem()} says why. */
        FAILED;

        boolean running() {
            return this == ASKED || this == RECEIVING || this == VERIFYING;
        }
    }

    private final UUID id;
    private final UUID caseId;
    private final String owner;
    private final Instant startedAt;
    private volatile Stage stage = Stage.ASKED;
    private volatile long received;
    private volatile long length = -1;
    private volatile byte[] pdf;
    private volatile byte[] json;
    private volatile ExportCheck check;
    private volatile Integer refusedStatus;
    private volatile String problem;

    CourtExport(UUID id, UUID caseId, String owner, Instant startedAt) {
        this.id = id;
        this.caseId = caseId;
        this.owner = owner;
        this.startedAt = startedAt;
    }

    void receiving(long bytes, long announced) {
        stage = Stage.RECEIVING;
        received = bytes;
        length = announced;
    }

    void verifying(byte[] pdf, byte[] json) {
        this.pdf = pdf;
        this.json = json;
        stage = Stage.VERIFYING;
    }

    void ready(ExportCheck check) {
        this.check = check;
        stage = Stage.READY;
    }

    void refused(int status, String why) {
        refusedStatus = status;
        problem = why;
        stage = Stage.REFUSED;
    }

    void failed(String why) {
        problem = why;
        stage = Stage.FAILED;
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    String owner() {
        return owner;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Stage stage() {
        return stage;
    }

    public boolean running() {
        return stage.running();
    }

    public long receivedKilobytes() {
        return (received + 1023) / 1024;
    }

    public long lengthKilobytes() {
        return length < 0 ? -1 : (length + 1023) / 1024;
    }

    /**
     * How far it got, in percent, for the progress bar: the platform's own work is not measured, so it counts as
     * the first tenth; then the PDF's bytes as they arrive; the verification is quick and counts as the last tenth.
     * Null while the platform works (the bar then shows that something runs, not how much).
     */
    public Integer percent() {
        return switch (stage) {
            case ASKED -> null;
            case RECEIVING -> length > 0 ? (int) (10 + 80 * Math.min(received, length) / length) : 50;
            case VERIFYING -> 90;
            default -> 100;
        };
    }

    byte[] pdf() {
        return pdf;
    }

    byte[] json() {
        return json;
    }

    public ExportCheck check() {
        return check;
    }

    public Integer refusedStatus() {
        return refusedStatus;
    }

    public String problem() {
        return problem;
    }
}
