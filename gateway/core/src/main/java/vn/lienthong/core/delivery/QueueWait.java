package vn.lienthong.core.delivery;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How long a delivery queued now for one recipient would wait for its turn: the queued
 * deliveries divided by the rate at which the queue has been moving, learnt from successive
 * samples (the deliveries that left the queue between two samples are those it held before,
 * plus those that joined it since, minus those it holds now). The head's age alone says how
 * long the queue has been behind, not how soon it catches up: a queue refused new work keeps
 * an old head until it has nearly drained. A delivery stamped before one sample and committed
 * after it is counted as neither joining nor leaving, so the rate errs low and the wait long.
 */
final class QueueWait {

    /** Weight of the latest sample's rate: about the last five samples count. */
    private static final double WEIGHT = 0.3;
    /** A queue that has not moved since it was first seen. */
    static final Duration UNKNOWN = Duration.ofDays(365);

    private long queued;
    private @Nullable Instant sampledAt;
    private double leavingPerSecond = Double.NaN;

    /**
     * Takes a new sample and returns the wait it implies.
     *
     * @param queuedNow deliveries queued now
     * @param joinedSince deliveries queued since the previous sample that are still queued
     */
    Duration sample(long queuedNow, long joinedSince, Instant now) {
        if (sampledAt != null && now.isAfter(sampledAt)) {
            double seconds = Duration.between(sampledAt, now).toNanos() / 1e9;
            double rate = Math.max(0, queued + joinedSince - queuedNow) / seconds;
            leavingPerSecond = Double.isNaN(leavingPerSecond) ? rate : WEIGHT * rate + (1 - WEIGHT) * leavingPerSecond;
        }
        queued = queuedNow;
        sampledAt = now;
        return waitFor(queuedNow);
    }

    private Duration waitFor(long queuedNow) {
        if (queuedNow == 0) {
            return Duration.ZERO;
        }
        if (Double.isNaN(leavingPerSecond) || leavingPerSecond <= 0) {
            return UNKNOWN;
        }
        return Duration.ofNanos((long) Math.min(UNKNOWN.toNanos() - 1, queuedNow / leavingPerSecond * 1e9));
    }
}
