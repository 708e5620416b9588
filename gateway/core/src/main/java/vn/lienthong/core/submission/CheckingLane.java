package vn.lienthong.core.submission;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import vn.lienthong.core.error.ErrorCode;

/**
 * Bounds how many submissions do the ingress's CPU work at once: parsing with the schema,
 * checking the signature and signing the receipt. Past the number of cores more of it at once
 * only shares the same CPU more thinly, and every runnable request thread takes its share from
 * the delivery consumers, which then fall behind acceptance under load (docs/BENCHMARKS.md).
 * A submission holds its lane from parsing until its receipt is signed and gives it back
 * before its store, the one long wait on the database, so the lanes finish the submissions
 * they started rather than share the CPU among every one that arrived. Fair: the longest
 * waiting goes first.
 */
final class CheckingLane {

    static final String WAITING = "lienthong.ingress.checks.waiting";

    private final Semaphore lanes;
    private final long waitNanos;

    CheckingLane(int lanes, Duration wait, MeterRegistry meters) {
        if (lanes < 1) {
            throw new IllegalArgumentException("a checking lane needs at least one lane, got " + lanes);
        }
        this.lanes = new Semaphore(lanes, true);
        this.waitNanos = wait.toNanos();
        Gauge.builder(WAITING, this.lanes, Semaphore::getQueueLength)
                .description("Submissions waiting for a lane to parse, verify or sign their receipt").register(meters);
    }

    /** Takes a lane for one submission; answers 503 {@code GATEWAY_BUSY} when none frees up within the wait. */
    Pass enter() {
        boolean entered;
        try {
            entered = lanes.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entered = false;
        }
        if (!entered) {
            throw ErrorCode.GATEWAY_BUSY.exception("the gateway is checking as many envelopes as it can; retry later")
                    .with("retryAfterSeconds", Admission.BUSY_RETRY_AFTER).build();
        }
        return new Pass();
    }

    /** One submission's lane. Used on the submission's own thread; leaving it again does nothing. */
    final class Pass implements AutoCloseable {
        private boolean held = true;

        private Pass() {
        }

        void leave() {
            if (held) {
                held = false;
                lanes.release();
            }
        }

        @Override
        public void close() {
            leave();
        }
    }
}
