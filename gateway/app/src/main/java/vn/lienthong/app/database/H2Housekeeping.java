package vn.lienthong.app.database;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Compacts the embedded database's file once a second ({@link H2File#compact()}) on a thread of
 * its own, so that neither waits for the other's work. It starts before everything that writes
 * and stops after it, while the database is still open.
 */
final class H2Housekeeping implements SmartLifecycle {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    private final H2File file;
    private @Nullable ScheduledExecutorService rounds;

    H2Housekeeping(H2File file) {
        this.file = file;
    }

    @Override
    public synchronized void start() {
        rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(this::round, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (rounds == null) {
            return;
        }
        rounds.shutdown();
        try {
            if (!rounds.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the embedded database's housekeeping did not finish its round within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rounds = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }

    /** Last to stop: the relays and writers still commit while they stop. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    private void round() {
        try {
            file.compact();
        } catch (RuntimeException e) {
            // A failed round leaves the file as it was; the next round tries again.
            log.warn("compacting the embedded database's file failed; trying again in {}", INTERVAL, e);
        }
    }
}
