package org.nrmplatform.shared.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Waits bounded by progress, not by the clock: a test waits as long as what it waits on keeps moving (a
 * processor's position, a rebuild's processed count) and fails only once nothing moved for {@link #STALL}.
 * A busy machine slows a wait down but does not fail it; a stuck processor still fails it.
 */
public final class Progress {

    /** How long nothing may move before a wait fails: generous, as a loaded CI machine pauses for seconds. */
    public static final Duration STALL = Duration.ofSeconds(90);

    private Progress() {
    }

    /** Awaitility's {@code await()} without a deadline, failing once {@code position} stays the same for {@link #STALL}. */
    public static ConditionFactory awaitWhileMoving(String what, Supplier<?> position) {
        return awaitWhileMoving(what, position, STALL);
    }

    public static ConditionFactory awaitWhileMoving(String what, Supplier<?> position, Duration stall) {
        Watch watch = new Watch(what, position, stall);
        return Awaitility.await().forever().pollInterval(Duration.ofMillis(100))
                .failFast(what + " did not move for " + stall.toSeconds() + " s", watch::stalled);
    }

    /** For a hand-written loop: {@link Watch#assertMoving()} on each turn fails once nothing moved for {@link #STALL}. */
    public static Watch watch(String what, Supplier<?> position) {
        return new Watch(what, position, STALL);
    }

    /**
     * Where every streaming processor of a service stands: each segment's position and whether it is in
     * error. It moves while any processor handles events; it does not while all wait at the head or one is
     * held at an event.
     */
    public static Supplier<Object> processors(EventProcessingConfiguration processing) {
        return () -> processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .collect(Collectors.toMap(StreamingEventProcessor::getName, processor -> processor.processingStatus()
                        .values().stream().map(status -> status.getCurrentPosition().orElse(-1) + ":"
                                + status.isErrorState()).sorted().toList()));
    }

    /** The last position seen and when it last changed. */
    public static final class Watch {
        private final String what;
        private final Supplier<?> position;
        private final Duration stall;
        private Object last;
        private long movedAt = System.nanoTime();

        private Watch(String what, Supplier<?> position, Duration stall) {
            this.what = what;
            this.position = position;
            this.stall = stall;
            this.last = position.get();
        }

        /** Whether nothing moved for the stall period (reading the position once more). */
        public synchronized boolean stalled() {
            Object now = position.get();
            if (!Objects.equals(now, last)) {
                last = now;
                movedAt = System.nanoTime();
                return false;
            }
            return System.nanoTime() - movedAt > stall.toNanos();
        }

        public void assertMoving() {
            if (stalled()) {
                throw new AssertionError(what + " did not move for " + stall.toSeconds() + " s (at " + last + ")");
            }
        }
    }
}
