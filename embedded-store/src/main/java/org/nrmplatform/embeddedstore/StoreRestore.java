package org.nrmplatform.embeddedstore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Brings a backup ({@link StoreBackup}) back into a data directory, with the store stopped: checks every file
 * against the backup's checksums first, copies them into {@code <dataDir>/store.restoring}, opens the store there
 * (which executes the backup's log records after its checkpoint, as after a crash) and closes it cleanly, checks
 * that it holds what the manifest says, and only then puts it in place as {@code <dataDir>/store}. A data
 * directory that holds a store already is refused unless {@code replace} is given; that store is then kept,
 * renamed, beside the restored one.
 */
final class StoreRestore {

    /** What a restore brought back. */
    record Restored(long lastLsn, long events, long bytes, Duration took, Path replacedStore) {
    }

    private StoreRestore() {
    }

    static Restored restore(Path backup, Path dataDir, boolean replace, PrintStream out) throws IOException {
        Instant started = Instant.now();
        Path backupDir = backup.toAbsolutePath().normalize();
        BackupManifest manifest = BackupManifest.read(backupDir);
        out.printf("backup %s: taken %s, writes through LSN %d, %d events, %s%n", backupDir, manifest.createdAt(),
                manifest.lastLsn(), manifest.events(), megabytes(manifest.bytes()));

        AtomicLong verified = new AtomicLong();
        long[] lastPrinted = {0};
        List<String> files = BackupManifest.verify(backupDir, read -> {
            long now = verified.addAndGet(read);
            if (now - lastPrinted[0] >= 256L << 20) {
                lastPrinted[0] = now;
                out.printf("  checking checksums: %s of %s%n", megabytes(now), megabytes(manifest.bytes()));
            }
        });
        out.printf("checksums match: %d files, %s%n", files.size(), megabytes(verified.get()));

        Path data = dataDir.toAbsolutePath().normalize();
        Path store = data.resolve(EmbeddedStore.STORE_SUBDIR);
        Path replaced = null;
        if (holdsAnything(store)) {
            if (!replace) {
                throw new IllegalStateException(store + " holds a store already; restoring would replace it. Restore "
                        + "into a new data directory, or ask for the replacement (the store there is kept, renamed)");
            }
            replaced = data.resolve(EmbeddedStore.STORE_SUBDIR + ".replaced-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started));
        }

        Path staging = data.resolve(EmbeddedStore.STORE_SUBDIR + ".restoring");
        deleteRecursively(staging); // what an interrupted restore left
        for (String relative : files) {
            Path to = staging.resolve(Path.of(EmbeddedStore.STORE_SUBDIR).relativize(Path.of(relative)));
            Files.createDirectories(to.getParent());
            Files.copy(backupDir.resolve(relative), to);
        }
        out.printf("copied into %s; opening it (executes the %d writes the backup's log holds after its checkpoint) ...%n",
                staging, manifest.lastLsn() - manifest.fileLsn());

        long lastLsn;
        long events;
        EmbeddedStoreBackend backend = EmbeddedStoreBackend.open(staging.resolve(EmbeddedStore.STORE_FILE),
                staging.resolve(EmbeddedStore.WAL_SUBDIR), EmbeddedStoreBackend.Settings.DEFAULT, true);
        try {
            lastLsn = backend.lastAppended();
            events = backend.documents(StoreBackup.EVENTS_DATABASE, StoreBackup.EVENTS_COLLECTION);
        } finally {
            backend.close(); // a last checkpoint: the restored store opens cleanly, its log empty
        }
        if (lastLsn != manifest.lastLsn() || events != manifest.events()) {
            throw new IllegalStateException("the restored store holds writes through LSN " + lastLsn + " and "
                    + events + " events, the backup's manifest says " + manifest.lastLsn() + " and "
                    + manifest.events() + "; left in " + staging + " for inspection, nothing replaced");
        }
        if (replaced != null) {
            Files.move(store, replaced, StandardCopyOption.ATOMIC_MOVE);
        } else {
            deleteRecursively(store); // an empty directory, or none
        }
        Files.move(staging, store, StandardCopyOption.ATOMIC_MOVE);
        Duration took = Duration.between(started, Instant.now());
        out.printf("restored into %s: writes through LSN %d, %d events, in %.1f s%s%n", store, lastLsn, events,
                took.toMillis() / 1000.0, replaced == null ? "" : "; the store that was there is kept as " + replaced);
        return new Restored(lastLsn, events, manifest.bytes(), took, replaced);
    }

    private static boolean holdsAnything(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Files.exists(directory);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
