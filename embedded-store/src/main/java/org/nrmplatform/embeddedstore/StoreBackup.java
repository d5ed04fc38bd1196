package org.nrmplatform.embeddedstore;

import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup of a running store into a directory of its own, taken on the store's own thread so that the
 * client that asked for it ({@link BackupClient}) only follows its progress: {@code store/nrm-store.mv} as a
 * checkpoint committed it, {@code store/wal/} with the log records after that checkpoint up to the moment the file
 * was copied, the {@code SHA256SUMS} of both and, written last, the {@code MANIFEST} ({@link BackupManifest}).
 * How the copy stays consistent: {@link EmbeddedStoreBackend#backUp}.
 */
final class StoreBackup {

    private static final Logger log = LoggerFactory.getLogger(StoreBackup.class);
    /** The collection whose documents a backup counts: the platform's events. */
    static final String EVENTS_DATABASE = "nrm_events";
    static final String EVENTS_COLLECTION = "events";
    private static final int CHUNK = 1 << 20;

    /** What the copy holds: the store file's writes through {@code fileLsn}, the log's through {@code lastLsn}. */
    record Copied(long fileLsn, long lastLsn, long events) {
    }

    private final Path target;
    private final Instant started = Instant.now();
    private final AtomicLong copiedBytes = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final Map<String, String> sums = new LinkedHashMap<>();
    private volatile String stage = "checkpoint";
    private volatile Document result;
    private volatile String failure;

    private StoreBackup(Path target) {
        this.target = target;
    }

    void copyStoreFile(Path file) throws IOException {
        long size = Files.size(file);
        totalBytes.addAndGet(size);
        stage = "store file";
        copy(file, BackupManifest.STORE_FILE, size);
    }

    void copyLog(List<WriteAheadLog.SegmentExtent> extent) throws IOException {
        stage = "write-ahead log";
        totalBytes.addAndGet(extent.stream().mapToLong(WriteAheadLog.SegmentExtent::bytes).sum());
        for (WriteAheadLog.SegmentExtent segment : extent) {
            copy(segment.file(), BackupManifest.LOG_DIRECTORY + "/" + segment.file().getFileName(), segment.bytes());
        }
    }

    /** Copies the first {@code length} bytes of {@code from}, checksummed as they are read, and syncs the copy. */
    private void copy(Path from, String relative, long length) throws IOException {
        Path to = target.resolve(relative);
        Files.createDirectories(to.getParent());
        MessageDigest sha256 = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long position = 0;
            while (position < length) {
                buffer.clear().limit((int) Math.min(CHUNK, length - position));
                int read = in.read(buffer, position);
                if (read < 0) {
                    throw new IOException(from + " ended at byte " + position + ", before " + length);
                }
                buffer.flip();
                sha256.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                position += read;
                copiedBytes.addAndGet(read);
            }
            out.force(true);
        }
        sums.put(relative, HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void run(EmbeddedStoreBackend backend) {
        try {
            Copied copied = backend.backUp(this);
            stage = "manifest";
            Duration took = Duration.between(started, Instant.now());
            BackupManifest.write(target, new BackupManifest(BackupManifest.FORMAT, started, copied.fileLsn(),
                    copied.lastLsn(), copied.events(), copiedBytes.get(), took.toMillis()), sums);
            Document done = new Document("fileLsn", copied.fileLsn());
            done.put("lastLsn", copied.lastLsn());
            done.put("events", copied.events());
            done.put("bytes", copiedBytes.get());
            done.put("files", sums.size());
            done.put("millis", took.toMillis());
            result = done;
            stage = "done";
            log.info("backup into {} done: {} files, {} bytes, writes through LSN {} ({} events), in {} ms", target,
                    sums.size(), copiedBytes.get(), copied.lastLsn(), copied.events(), took.toMillis());
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
            stage = "failed";
            log.error("backup into {} failed; the directory holds no MANIFEST and cannot be restored", target, e);
        }
    }

    private Document status() {
        Document status = new Document("ok", 1.0);
        status.put("to", target.toString());
        status.put("stage", stage);
        status.put("copiedBytes", copiedBytes.get());
        status.put("totalBytes", totalBytes.get());
        if (result != null) {
            status.put("result", result);
        }
        if (failure != null) {
            status.put("failure", failure);
        }
        return status;
    }

    private boolean finished() {
        return result != null || failure != null;
    }

    /**
     * The store's backup commands on its wire protocol, answered only to the store's user like every command
     * ({@link AuthenticatedAccess}): {@code {nrmBackup: 1, to: "/absolute/dir"}} starts a backup into a new or empty
     * directory on the store's machine, {@code {nrmBackupStatus: 1}} tells how the latest one goes. One at a time.
     */
    static final class Requests {

        static final String START = "nrmbackup";
        static final String STATUS = "nrmbackupstatus";

        private final EmbeddedStoreBackend backend;
        private StoreBackup latest;

        Requests(EmbeddedStoreBackend backend) {
            this.backend = backend;
        }

        /** The answer to a backup command, or null for any other command. */
        synchronized Document answer(String command, Document query) {
            String name = command.toLowerCase(Locale.ROOT);
            if (name.equals(STATUS)) {
                return latest == null ? refusal("no backup was asked for since the store started") : latest.status();
            }
            if (!name.equals(START)) {
                return null;
            }
            if (latest != null && !latest.finished()) {
                return refusal("a backup into " + latest.target + " is under way");
            }
            if (!(query.get("to") instanceof String to) || !Path.of(to).isAbsolute()) {
                return refusal("name the backup's directory as an absolute path: {nrmBackup: 1, to: \"/dir\"}");
            }
            Path target = Path.of(to).normalize();
            try {
                if (Files.exists(target)) {
                    try (Stream<Path> inside = Files.list(target)) {
                        if (inside.findAny().isPresent()) {
                            return refusal(target + " is not empty: a backup goes into a new or empty directory");
                        }
                    }
                }
                Files.createDirectories(target);
                // the records are the store's: readable by its owner only, as the data directory's files are
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                log.debug("{}: no POSIX permissions here", target);
            } catch (IOException e) {
                return refusal("cannot create " + target + ": " + e);
            }
            StoreBackup backup = new StoreBackup(target);
            latest = backup;
            Thread thread = new Thread(() -> backup.run(backend), "nrm-store-backup");
            thread.setDaemon(true);
            thread.start();
            return backup.status();
        }

        private static Document refusal(String message) {
            Document answer = new Document("ok", 0.0);
            answer.put("errmsg", message);
            answer.put("code", 2);
            answer.put("codeName", "BadValue");
            return answer;
        }
    }
}
