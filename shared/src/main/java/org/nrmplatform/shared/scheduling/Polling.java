package org.nrmplatform.shared.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A component that does a round of work every interval, on a thread of its own, while the application runs: the
 * deadline watches, the retention run, the checkpoint writer. A round that fails is the subclass's to log; the next
 * round comes all the same. Stops before Axon's command bus and event processors shut down (they stop in later
 * phases), so that a round in flight can still send its commands.
 */
public abstract class Polling implements SmartLifecycle {

    private final String threadName;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /**
     * @param threadName names the thread in thread dumps and logs
     * @param interval   between the end of one round and the start of the next; the first starts after one interval
     */
    protected Polling(String threadName, Duration interval) {
        this.threadName = threadName;
        this.interval = interval;
    }

    /** One round of work; an exception it lets through ends no more than this round. */
    protected abstract void poll();

    private void pollGuarded() {
        try {
            poll();
        } catch (RuntimeException unexpected) {
            // a scheduled task that throws is never run again: the next round must come whatever this one did
            LoggerFactory.getLogger(getClass()).warn("A round of {} failed; the next comes in {}",
                    threadName, interval, unexpected);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::pollGuarded, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
