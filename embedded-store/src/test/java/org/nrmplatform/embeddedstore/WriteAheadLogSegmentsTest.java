package org.nrmplatform.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's segments: a full segment gives way to the next, written with zeros ahead; a checkpoint deletes only
 * segments it covers wholly; replay reads across segments in order, skipping what the store file holds already.
 */
class WriteAheadLogSegmentsTest {

    private static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path directory;

    @Test
    void recordsFillSegmentsInTurnAndAreReplayedInOrderAcrossThem() throws Exception {
        WriteAheadLog log = WriteAheadLog.open(directory, 0, Duration.ofHours(1), SEGMENT_BYTES);
        for (int i = 1; i <= 200; i++) {
            log.append("db", "insert", new Document("insert", "items").append("n", i).append("padding", "x".repeat(60)));
            if (log.needsSpare()) {
                log.allocateSpare(); // the store's checkpoint thread does this when a rotation took the spare
            }
        }
        log.awaitDurable(200);
        assertThat(segments()).as("about 100 bytes a record, 4 KB a segment").hasSizeGreaterThan(3);
        for (Path segment : segments()) {
            assertThat(Files.size(segment)).as("written with zeros ahead, never grown").isEqualTo(SEGMENT_BYTES);
        }

        assertThat(replayed(0)).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());

        log.discardThrough(100); // a checkpoint whose store file holds records 1 to 100
        List<Long> afterCheckpoint = replayed(100);
        assertThat(afterCheckpoint).containsExactlyElementsOf(LongStream.rangeClosed(101, 200).boxed().toList());
        assertThat(segments().size()).as("segments wholly at or below 100 deleted").isLessThan(6);

        log.closeCovered();
        assertThat(segments()).as("a clean shutdown's checkpoint covered everything").isEmpty();
    }

    private List<Long> replayed(long after) throws Exception {
        List<Long> lsns = new ArrayList<>();
        WriteAheadLog.replay(directory, after, entry -> {
            assertThat(entry.query().get("n")).isEqualTo((int) entry.lsn());
            lsns.add(entry.lsn());
        });
        return lsns;
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }
}
