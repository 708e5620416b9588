package vn.lienthong.core.submission;

import java.util.concurrent.Semaphore;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.receipt.Receipt;

/**
 * The entry to the ingress flow, bounding the bytes of envelopes being received at once, so
 * many large submissions together get a retryable 503 instead of exhausting the heap. Each
 * submission reserves its declared length, or the largest envelope allowed when it declares none.
 */
final class IngressBudget implements SubmissionPort {

    /** The flow behind the budget. */
    interface Flow {
        Receipt submit(Submission submission);
    }

    private static final int KIB = 1024;

    private final Flow flow;
    private final Semaphore kibibytes;
    private final long maxEnvelopeBytes;

    IngressBudget(Flow flow, long maxBytesInFlight, long maxEnvelopeBytes) {
        this.flow = flow;
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, maxBytesInFlight / KIB));
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    @Override
    public Receipt submit(Submission submission) {
        long declared = submission.declaredLength() >= 0 ? Math.min(submission.declaredLength(), maxEnvelopeBytes + 1)
                : maxEnvelopeBytes;
        int reserved = (int) Math.max(1, (declared + KIB - 1) / KIB);
        if (!kibibytes.tryAcquire(reserved)) {
            throw ErrorCode.GATEWAY_BUSY.exception("too many envelopes are being received at once; retry later")
                    .with("retryAfterSeconds", Admission.BUSY_RETRY_AFTER).build();
        }
        try {
            return flow.submit(submission);
        } finally {
            kibibytes.release(reserved);
        }
    }
}
