package org.nrmplatform.caseservice.projections;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an operator sees of a projection: versions, positions in the global event sequence and rebuild
 * progress; never case content.
 *
 * @param collection the collection of the current version, which answers reads (null if not rebuildable)
 * @param position the live processor's position in the global sequence (null before it has read anything)
 * @param lag      events in the store the live processor has not handled yet
 * @param state    LIVE; REBUILDING while a rebuild runs; HELD while the live processor or the rebuild is held at
 *                 an event its handler cannot apply (retried with back-off until it applies)
 * @param heldAt   for each processor held (the live one, {@code <name>-rebuild-v<N>}): the event (type, global
 *                 index, aggregate and sequence) and the handler's exception; empty when nothing holds it
 */
public record ProjectionStatus(String name, boolean rebuildable, Integer currentVersion, String collection,
                               State state, Long position,
                               Long lag, RebuildProgress rebuild, CompletedRebuild lastRebuild,
                               List<Map<String, Object>> heldAt) {

    public enum State { LIVE, REBUILDING, HELD }

    /**
     * A running rebuild. {@code processed} is the rebuild processor's position in the global sequence,
     * {@code total} the head of the store.
     */
    public record RebuildProgress(int version, Instant startedAt, long processed, long total, double eventsPerSecond,
                                  Long secondsLeft) {

        static RebuildProgress of(int version, Instant startedAt, long processed, long total, Instant now) {
            double seconds = Math.max(Duration.between(startedAt, now).toMillis(), 1) / 1000.0;
            double rate = processed / seconds;
            Long left = rate > 0 ? (long) Math.ceil(Math.max(total - processed, 0) / rate) : null;
            return new RebuildProgress(version, startedAt, processed, total, Math.round(rate * 10) / 10.0, left);
        }
    }

    /** The last rebuild this instance switched over to. */
    public record CompletedRebuild(int version, Instant startedAt, Instant switchedAt, long events, long millis) {
    }
}
