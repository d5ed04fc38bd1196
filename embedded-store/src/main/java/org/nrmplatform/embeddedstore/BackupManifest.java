package org.nrmplatform.embeddedstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * What a backup directory holds and how to check it: {@code SHA256SUMS} in the format of {@code sha256sum} (so
 * that an operator can check a copy with {@code sha256sum -c SHA256SUMS} as well), and the {@code MANIFEST}, one
 * {@code key: value} a line, written last: a directory without it is a backup that did not finish.
 *
 * @param fileLsn  the store file holds every write through this log sequence number
 * @param lastLsn  with the log segments, every write through this one (the moment the file's copy ended)
 * @param events   the platform's events at {@code lastLsn}
 * @param bytes    the size of the copied files together
 */
record BackupManifest(int format, Instant createdAt, long fileLsn, long lastLsn, long events, long bytes,
                      long millis) {

    static final int FORMAT = 1;
    static final String MANIFEST = "MANIFEST";
    static final String SUMS = "SHA256SUMS";
    static final String STORE_FILE = EmbeddedStore.STORE_SUBDIR + "/" + EmbeddedStore.STORE_FILE;
    static final String LOG_DIRECTORY = EmbeddedStore.STORE_SUBDIR + "/" + EmbeddedStore.WAL_SUBDIR;

    /** Raised when a backup cannot be restored as it is: incomplete, damaged, or of an unknown format. */
    static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }

    static void write(Path directory, BackupManifest manifest, Map<String, String> sums) throws IOException {
        StringBuilder lines = new StringBuilder();
        sums.forEach((file, sum) -> lines.append(sum).append("  ").append(file).append('\n'));
        writeSynced(directory.resolve(SUMS), lines.toString());
        writeSynced(directory.resolve(MANIFEST), """
                # NRM embedded store backup; restore with: infra/nrm restore <this directory>
                format: %d
                createdAt: %s
                fileLsn: %d
                lastLsn: %d
                events: %d
                bytes: %d
                millis: %d
                """.formatted(manifest.format(), manifest.createdAt(), manifest.fileLsn(), manifest.lastLsn(),
                manifest.events(), manifest.bytes(), manifest.millis()));
    }

    private static void writeSynced(Path file, String text) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the manifest of a backup directory, refusing one that did not finish or that this version cannot read. */
    static BackupManifest read(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new Unusable(directory + " holds no " + MANIFEST + ": not a backup, or one that did not finish");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(": ");
            if (!line.startsWith("#") && colon > 0) {
                values.put(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
            }
        }
        try {
            int format = Integer.parseInt(values.get("format"));
            if (format != FORMAT) {
                throw new Unusable(file + " is of format " + format + "; this version restores format " + FORMAT);
            }
            return new BackupManifest(format, Instant.parse(values.get("createdAt")),
                    Long.parseLong(values.get("fileLsn")), Long.parseLong(values.get("lastLsn")),
                    Long.parseLong(values.get("events")), Long.parseLong(values.get("bytes")),
                    Long.parseLong(values.get("millis")));
        } catch (RuntimeException e) {
            throw new Unusable(file + " is not a manifest this version can read: " + e);
        }
    }

    /**
     * Checks every file {@code SHA256SUMS} names against its checksum, and that the backup's store directory holds no
     * file it does not name; {@code progress} hears of every byte read.
     *
     * @return the files named, relative to the directory
     * @throws Unusable naming the first file missing, damaged or unexpected
     */
    static List<String> verify(Path directory, LongConsumer progress) throws IOException {
        Path sumsFile = directory.resolve(SUMS);
        if (!Files.isRegularFile(sumsFile)) {
            throw new Unusable(directory + " holds no " + SUMS);
        }
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(sumsFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64) {
                throw new Unusable(sumsFile + ": not a checksum line: " + line);
            }
            String expected = line.substring(0, gap);
            String relative = line.substring(gap + 2);
            Path file = directory.resolve(relative).normalize();
            if (!file.startsWith(directory.resolve(EmbeddedStore.STORE_SUBDIR))) {
                throw new Unusable(sumsFile + " names a file outside the backup's store: " + relative);
            }
            if (!Files.isRegularFile(file)) {
                throw new Unusable("the backup lacks " + relative + ", which " + SUMS + " names");
            }
            String actual = sha256(file, progress);
            if (!actual.equals(expected)) {
                throw new Unusable(relative + " is damaged: its SHA-256 is " + actual + ", the backup's was "
                        + expected);
            }
            files.add(relative);
        }
        try (Stream<Path> present = Files.walk(directory.resolve(EmbeddedStore.STORE_SUBDIR))) {
            for (Path file : present.filter(Files::isRegularFile).toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                if (!files.contains(relative)) {
                    throw new Unusable("the backup holds " + relative + ", which " + SUMS + " does not name");
                }
            }
        }
        return files;
    }

    private static String sha256(Path file, LongConsumer progress) throws IOException {
        MessageDigest sha256 = StoreBackup.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, read);
                progress.accept(read);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
