package vn.lienthong.core.delivery;

import java.time.Duration;

/**
 * How far behind one recipient's queue is, from successive samples: how long it has held
 * deliveries without once being empty, and how long a delivery queued now would wait for its
 * turn, which is what is queued divided by the rate the queue has been moving (the deliveries
 * that left between two samples are those it held before, plus those that joined since, minus
 * those it holds now). The oldest delivery's age alone says how long the queue has been behind,
 * not how soon it catches up: a queue refused new work keeps an old head until it has nearly
 * drained. While the queue has not been seen moving, its wait is at least the time it has stood
 * still. Time is the sampler's own (monotonic), so that a clock set forward, as the tests of
 * deadlines do, ages no queue. A delivery stamped before one sample and committed after it is
 * counted as neither joining nor leaving, so the rate errs low and the wait long.
 */
final class QueueWait {

    /** Weight of the latest sample's rate: about the last five samples count. */
    private static final double WEIGHT = 0.3;

    private long queued;
    private long sampledAt;
    private boolean sampled;
    private long busySince;
    private long stillSince;
    private double leavingPerSecond = Double.NaN;

    /**
     * Takes a new sample.
     *
     * @param queuedNow deliveries queued now
     * @param joinedSince deliveries queued since the previous sample that are still queued
     * @param nanoTime the sampler's monotonic time, {@link System#nanoTime()}
     */
    void sample(long queuedNow, long joinedSince, long nanoTime) {
        if (sampled && nanoTime > sampledAt) {
            long left = Math.max(0, queued + joinedSince - queuedNow);
            double rate = left / ((nanoTime - sampledAt) / 1e9);
            leavingPerSecond = Double.isNaN(leavingPerSecond) ? rate : WEIGHT * rate + (1 - WEIGHT) * leavingPerSecond;
            if (left > 0) {
                stillSince = nanoTime;
            }
        }
        if (queuedNow == 0 || !sampled || queued == 0) {
            busySince = nanoTime;
            stillSince = nanoTime;
        }
        queued = queuedNow;
        sampledAt = nanoTime;
        sampled = true;
    }

    /** How long the queue has held deliveries without being empty at a sample; zero when empty. */
    Duration behindFor() {
        return queued == 0 ? Duration.ZERO : Duration.ofNanos(sampledAt - busySince);
    }

    /** How long a delivery queued at the last sample would wait for its turn; zero when none was queued. */
    Duration expectedWait() {
        if (queued == 0) {
            return Duration.ZERO;
        }
        if (Double.isNaN(leavingPerSecond) || leavingPerSecond <= 0) {
            return Duration.ofNanos(sampledAt - stillSince);
        }
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, queued / leavingPerSecond * 1e9));
    }
}
