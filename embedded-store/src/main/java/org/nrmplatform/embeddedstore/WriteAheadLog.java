package org.nrmplatform.embeddedstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write-ahead log: every write command, in the order the store executed it, appended to a segment
 * file before it is answered. A write that waits for the disk is answered once a sync covers its record; one
 * sync covers every record appended before it started, so the writers waiting at that moment share it (group
 * commit). A flusher thread syncs what writes that did not wait left behind, within the flush interval.
 *
 * <p>Records are numbered (the log sequence number, LSN) and framed as length, CRC-32C and payload
 * ({@code lsn, database, command, command document as BSON}). A record cut short by a crash fails its checksum
 * and ends the replay there: it was never acknowledged as durable, since a sync covers a whole prefix.
 *
 * <p>Segments are named by their first LSN and written with zeros ahead (a spare file prepared outside the write
 * lock), so that a sync flushes records, not the file's growth. An append that would overflow the segment starts
 * the next one first ({@link #rotate()}); segments wholly at or below a synced commit of the store file are
 * deleted ({@link #discardThrough}); the current segment may hold records the file has already, which replay
 * skips by their LSN. So the disk sees the log's bytes and one segment of zeros per segment filled, whatever the
 * number of checkpoints. Appends and rotation are called under the backend's write lock; waiting for durability
 * is not.
 */
final class WriteAheadLog implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final String PREFIX = "wal-";
    private static final String SUFFIX = ".log";
    private static final int HEADER_BYTES = 8;
    private static final String SPARE = "wal-spare.tmp";
    /**
     * Syncs that may overlap. A writer arriving during a sync used to wait for it to end before starting its own
     * (two syncs' time); overlapping, the device flushes both at once.
     */
    private static final int SYNCS_IN_FLIGHT = 2;

    /** One write command as it was executed. */
    record Entry(long lsn, String database, String command, Document query) {
    }

    private final Path directory;
    private final long flushIntervalNanos;
    private final int segmentBytes;
    private final Object monitor = new Object();
    private final Thread flusher;

    // appends happen under the backend's write lock; the flusher reads these under the monitor
    private FileChannel segment;
    private Path segmentFile;
    private long segmentWritten;
    /** Set when a new segment found no spare or took it; cleared once the next spare is written. */
    private volatile boolean spareTaken;
    private final List<Segment> older = new ArrayList<>();
    private volatile long appended;

    // guarded by monitor
    private volatile long durable; // written under monitor
    private int syncsInFlight;
    /** The highest LSN a sync in flight (or done) covers. */
    private long syncingThrough;
    private long lastSyncNanos = System.nanoTime();
    private volatile IOException failure;
    private boolean closed;

    private record Segment(Path file, FileChannel channel, long lastLsn) {
    }

    /**
     * Opens a new log whose first record will be {@code lastLsn + 1}. Call after {@link #replay} and after the
     * store file holds everything replayed: existing segments are deleted.
     *
     * @param maxDelay how long a write that did not ask to wait for the disk may stay only in memory
     * @param segmentBytes the size of a segment: written with zeros ahead, and full when the next record would
     *     not fit (a record larger than a segment makes its segment grow)
     */
    static WriteAheadLog open(Path directory, long lastLsn, Duration maxDelay, int segmentBytes) throws IOException {
        Files.createDirectories(directory);
        for (Path old : segments(directory)) {
            Files.delete(old);
        }
        Files.deleteIfExists(directory.resolve(SPARE + ".part"));
        return new WriteAheadLog(directory, lastLsn, maxDelay, segmentBytes);
    }

    private WriteAheadLog(Path directory, long lastLsn, Duration maxDelay, int segmentBytes) throws IOException {
        this.directory = directory;
        this.flushIntervalNanos = maxDelay.toNanos();
        this.segmentBytes = segmentBytes;
        this.appended = lastLsn;
        this.durable = lastLsn;
        this.segmentFile = file(lastLsn + 1);
        allocateSpare();
        this.segment = create(segmentFile);
        this.flusher = new Thread(this::flushContinuously, "nrm-store-wal-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    /**
     * Reads every intact record above {@code after} in LSN order and hands it to {@code apply}.
     *
     * @return the highest LSN read, or {@code after} if there was none
     * @throws IllegalStateException if a segment other than the newest is damaged (acknowledged writes would be
     *     lost), or records are missing between segments
     */
    static long replay(Path directory, long after, Consumer<Entry> apply) throws IOException {
        if (!Files.isDirectory(directory)) {
            return after;
        }
        List<Path> files = segments(directory);
        long last = after;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean newest = i == files.size() - 1;
            long first = firstLsn(file);
            if (first > last + 1 && first > after + 1) {
                throw new IllegalStateException("write-ahead log " + file + " starts at " + first
                        + " but the store holds only up to " + last + ": records are missing");
            }
            byte[] bytes = Files.readAllBytes(file);
            ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
            while (buffer.readableBytes() > 0) {
                int start = buffer.readerIndex();
                Entry entry = read(buffer);
                if (entry == null) {
                    if (zeros(bytes, start)) {
                        break; // the unused rest of a segment allocated ahead
                    }
                    if (!newest) {
                        throw new IllegalStateException("write-ahead log " + file + " is damaged at byte " + start
                                + "; refusing to start without the writes after it");
                    }
                    log.warn("write-ahead log {}: {} bytes at its end were cut short by a crash and never "
                            + "acknowledged as durable; ignored", file, bytes.length - start);
                    break;
                }
                if (entry.lsn() > last) {
                    if (entry.lsn() != last + 1 && last > after) {
                        throw new IllegalStateException("write-ahead log " + file + ": record " + entry.lsn()
                                + " follows " + last);
                    }
                    apply.accept(entry);
                    last = entry.lsn();
                }
            }
        }
        return last;
    }

    /** Appends a record for a command the store has just executed. Caller holds the backend's write lock. */
    long append(String database, String command, Document query) {
        if (failure != null) {
            throw new UncheckedIOException("the write-ahead log failed earlier; the store takes no more writes",
                    failure);
        }
        long lsn = appended + 1;
        byte[] payload = payload(lsn, database, command, query);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            if (segmentWritten > 0 && segmentWritten + record.remaining() > segmentBytes) {
                rotate();
            }
            segmentWritten += record.remaining();
            while (record.hasRemaining()) {
                segment.write(record);
            }
        } catch (IOException e) {
            fail(e);
            throw new UncheckedIOException("cannot append to the write-ahead log", e);
        }
        appended = lsn;
        return lsn;
    }

    long lastAppended() {
        return appended;
    }

    long durableThrough() {
        return durable;
    }

    /**
     * Returns once the record {@code lsn} and every one before it are on the disk. A writer whose record no sync in
     * flight covers starts one for everything appended until then (no hand-over to another thread), without
     * waiting for the sync in flight to end: a sync covers every write made before it began, so whichever ends
     * first makes its records durable, and at most {@value #SYNCS_IN_FLIGHT} overlap. Writers arriving meanwhile
     * wait, and the next of them syncs what they appended: that is the group commit.
     */
    void awaitDurable(long lsn) throws IOException, InterruptedException {
        if (durable >= lsn) {
            return;
        }
        while (true) {
            long target;
            FileChannel channel;
            synchronized (monitor) {
                while (durable < lsn && (syncingThrough >= lsn || syncsInFlight >= SYNCS_IN_FLIGHT)) {
                    checkUsable();
                    monitor.wait();
                }
                checkUsable();
                if (durable >= lsn) {
                    return;
                }
                syncsInFlight++;
                target = appended;
                syncingThrough = Math.max(syncingThrough, target);
                channel = segment;
            }
            sync(channel, target);
        }
    }

    private void checkUsable() throws IOException {
        if (failure != null) {
            throw new IOException("the write-ahead log cannot be synced to the disk", failure);
        }
        if (closed) {
            throw new IOException("the store is shutting down");
        }
    }

    /** Syncs {@code channel} and marks everything through {@code target} durable; the caller counted it in flight. */
    private void sync(FileChannel channel, long target) {
        IOException failed = null;
        try {
            channel.force(false);
        } catch (ClosedChannelException rotatedAway) {
            // rotate() synced it before starting the next segment
        } catch (IOException e) {
            failed = e;
        }
        synchronized (monitor) {
            syncsInFlight--;
            if (failed != null) {
                log.error("write-ahead log cannot be synced; writes are no longer acknowledged", failed);
                failure = failed;
            } else {
                durable = Math.max(durable, target);
            }
            lastSyncNanos = System.nanoTime();
            monitor.notifyAll();
        }
    }

    /**
     * Starts a new segment. The current one is synced first, so that no record of the new segment can be on
     * the disk while an older one is not. Caller holds the backend's write lock.
     */
    private void rotate() throws IOException {
        FileChannel previous = segment;
        Path previousFile = segmentFile;
        previous.force(false);
        segmentFile = file(appended + 1);
        segment = create(segmentFile);
        segmentWritten = 0;
        synchronized (monitor) {
            older.add(new Segment(previousFile, previous, appended));
            durable = Math.max(durable, appended);
            monitor.notifyAll();
        }
    }

    /** A prefix of a segment file: the bytes of whole records it held when {@link #extentAfter} was called. */
    record SegmentExtent(Path file, long bytes) {
    }

    /**
     * The segments holding every record above {@code lsn} appended so far, each with the length its records
     * take now: copied up to those lengths while writes go on, they hold exactly the records through
     * {@link #lastAppended()} as of this call, none cut short. Caller holds the backend's write lock (no append
     * or rotation meanwhile) and keeps checkpoints from running until the copy is done ({@link #discardThrough}
     * would delete segments).
     */
    List<SegmentExtent> extentAfter(long lsn) throws IOException {
        List<SegmentExtent> extent = new ArrayList<>();
        synchronized (monitor) {
            for (Segment s : older) {
                if (s.lastLsn() > lsn) {
                    extent.add(new SegmentExtent(s.file(), s.channel().size()));
                }
            }
        }
        if (appended > lsn) {
            extent.add(new SegmentExtent(segmentFile, segmentWritten));
        }
        return extent;
    }

    /** Whether the spare segment was taken by a rotation and is to be written again ({@link #allocateSpare}). */
    boolean needsSpare() {
        return spareTaken;
    }

    /** Deletes the segments whose records are all at or below {@code lsn}, now in the synced store file. */
    void discardThrough(long lsn) throws IOException {
        List<Segment> discard = new ArrayList<>();
        synchronized (monitor) {
            older.removeIf(s -> s.lastLsn() <= lsn && discard.add(s));
        }
        for (Segment s : discard) {
            s.channel().close();
            Files.deleteIfExists(s.file());
        }
    }

    /**
     * Closes the log and deletes its segments: call only once the store file holds every record, synced (a clean
     * shutdown's last checkpoint). The spare is kept for the next start.
     */
    void closeCovered() throws IOException {
        close();
        for (Path file : segments(directory)) {
            Files.delete(file);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
        LockSupport.unpark(flusher);
        try {
            flusher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        segment.force(false);
        segment.close();
        for (Segment s : older) {
            s.channel().close();
        }
    }

    /**
     * Syncs what writes that did not wait for the disk left unsynced, at least every flush interval. It sleeps
     * outside the monitor: woken by every sync's end, as the writers are, it would cost a context switch per sync
     * for nothing (a write that did not wait is due only when its interval is up).
     */
    private void flushContinuously() {
        while (true) {
            long target = 0;
            FileChannel channel = null;
            long sleepNanos = 0;
            synchronized (monitor) {
                if (closed || failure != null) {
                    return;
                }
                // nothing to sync, or a sync under way: a whole interval, which still syncs a write made meanwhile
                // within one; a write waiting: until its interval is up
                long sinceSync = System.nanoTime() - lastSyncNanos;
                if (syncsInFlight > 0 || appended <= durable) {
                    sleepNanos = flushIntervalNanos;
                } else if (sinceSync < flushIntervalNanos) {
                    sleepNanos = flushIntervalNanos - sinceSync;
                } else {
                    syncsInFlight++;
                    target = appended;
                    syncingThrough = Math.max(syncingThrough, target);
                    channel = segment;
                }
            }
            if (channel != null) {
                sync(channel, target);
            } else {
                LockSupport.parkNanos(this, Math.max(1_000_000, Math.min(1_000_000_000, sleepNanos)));
                if (Thread.interrupted()) {
                    return;
                }
            }
        }
    }

    private void fail(IOException e) {
        log.error("write-ahead log failed; writes are no longer acknowledged", e);
        synchronized (monitor) {
            failure = e;
            monitor.notifyAll();
        }
    }

    /**
     * Opens the next segment: the spare allocated ahead, renamed, if there is one. A sync of a file that grows
     * must also record its new size (on ext4 a commit of the file system's journal, shared with the store file's
     * growth); in a segment written with zeros ahead, a sync flushes the records alone.
     */
    private FileChannel create(Path file) throws IOException {
        Path spare = directory.resolve(SPARE);
        FileChannel channel;
        if (Files.exists(spare)) {
            Files.move(spare, file, StandardCopyOption.ATOMIC_MOVE);
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } else {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        spareTaken = true;
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true); // the new file's name must survive a crash, or its records would
        } catch (IOException e) {
            log.debug("cannot sync directory {} (not supported here): {}", directory, e.toString());
        }
        return channel;
    }

    /** Writes the next segment's zeros ahead of time, outside the write lock (the checkpoint thread calls it). */
    void allocateSpare() throws IOException {
        Path spare = directory.resolve(SPARE);
        spareTaken = false; // before the check: a rotation taking the spare meanwhile sets it again
        if (Files.exists(spare)) {
            return;
        }
        Path writing = directory.resolve(SPARE + ".part");
        try (FileChannel channel = FileChannel.open(writing, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long written = 0; written < segmentBytes; written += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), segmentBytes - written));
                while (zeros.hasRemaining()) {
                    channel.write(zeros);
                }
            }
            channel.force(true);
        }
        Files.move(writing, spare, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean zeros(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private Path file(long firstLsn) {
        return directory.resolve(PREFIX + String.format("%020d", firstLsn) + SUFFIX);
    }

    private static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                            && f.getFileName().toString().endsWith(SUFFIX))
                    .sorted().toList();
        }
    }

    private static long firstLsn(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    private static byte[] payload(long lsn, String database, String command, Document query) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            buffer.writeLong(lsn);
            writeString(buffer, database);
            writeString(buffer, command);
            BsonEncoder.encodeDocument(query, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    /** The next record, or null if what is left is not a whole, intact record. */
    private static Entry read(ByteBuf buffer) {
        if (buffer.readableBytes() < HEADER_BYTES) {
            return null;
        }
        int length = buffer.readInt();
        int checksum = buffer.readInt();
        if (length <= 0 || length > buffer.readableBytes()) {
            return null;
        }
        byte[] payload = new byte[length];
        buffer.readBytes(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        long lsn = in.readLong();
        String database = readString(in);
        String command = readString(in);
        Document query = BsonDecoder.decodeBson(in);
        return new Entry(lsn, database, command, query);
    }

    private static void writeString(ByteBuf buffer, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.writeInt(bytes.length);
        buffer.writeBytes(bytes);
    }

    private static String readString(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readInt()];
        buffer.readBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
