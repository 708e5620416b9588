package vn.lienthong.core.submission;

import java.util.concurrent.Semaphore;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.Spool;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.receipt.Receipt;

/**
 * Step 1, the entry to the ingress flow: reads the body within the size limit, spooling a
 * large one to a file, and bounds the bytes held in memory at once, so many submissions
 * together get a retryable 503 instead of exhausting the heap. A submission reserves what it
 * will hold in memory: its declared length up to the spool's in-memory limit, or that limit
 * when it declares none. The spool file is deleted when the flow is done with it. With its
 * body read, a submission takes a {@link CheckingLane} for the flow's CPU work; the flow gives
 * it back once the receipt is signed, and at the latest this does when the flow returns.
 */
final class IngressBudget implements SubmissionPort {

    /** The flow behind the budget. */
    interface Flow {
        Receipt submit(SubmissionStages.Received received);
    }

    private static final int KIB = 1024;

    private final Flow flow;
    private final Semaphore kibibytes;
    private final long maxEnvelopeBytes;
    private final Spool spool;
    private final CheckingLane lanes;
    private final SubmissionMonitor monitor;

    IngressBudget(Flow flow, long maxBytesInFlight, long maxEnvelopeBytes, Spool spool, CheckingLane lanes,
                  SubmissionMonitor monitor) {
        this.flow = flow;
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, maxBytesInFlight / KIB));
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.spool = spool;
        this.lanes = lanes;
        this.monitor = monitor;
    }

    /** Watched from here, so that a submission refused as busy or too large is counted too. */
    @Override
    public Receipt submit(Submission submission) {
        return monitor.watch(submission.caller(), trace -> receive(submission, trace));
    }

    private Receipt receive(Submission submission, SubmissionMonitor.Trace trace) {
        long held = submission.declaredLength() >= 0 ? Math.min(submission.declaredLength(), spool.inMemoryLimit())
                : spool.inMemoryLimit();
        int reserved = (int) Math.max(1, (held + KIB - 1) / KIB);
        if (!kibibytes.tryAcquire(reserved)) {
            throw ErrorCode.GATEWAY_BUSY.exception("too many envelopes are being received at once; retry later")
                    .with("retryAfterSeconds", Admission.BUSY_RETRY_AFTER).build();
        }
        try (EnvelopeBytes bytes = EnvelopeBytes.read(submission.body(), maxEnvelopeBytes, spool);
             CheckingLane.Pass lane = lanes.enter()) {
            return flow.submit(new SubmissionStages.Received(submission.caller(), bytes, trace, lane));
        } finally {
            kibibytes.release(reserved);
        }
    }
}
