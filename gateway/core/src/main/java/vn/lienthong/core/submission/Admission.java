package vn.lienthong.core.submission;

import java.time.Duration;
import vn.lienthong.core.delivery.DeliveryBacklog;
import vn.lienthong.core.envelope.Party;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * Back-pressure: when delivery falls too far behind, new envelopes are refused with a
 * retryable error rather than piling up until memory or disk give out. The whole gateway
 * is busy when the outbox is not drained; one recipient is backlogged when too much waits
 * for it, which slows only the senders to that recipient. It is backlogged too while its queue
 * is slow: it has held deliveries ready to go for longer than the limit without a break, and one
 * queued now would wait longer than the limit too. The first says the queue is behind, the
 * second lifts the refusal as soon as it has shrunk enough, so that under a load the gateway
 * cannot deliver, acceptance settles at what delivery sustains instead of stopping until the
 * queue has drained.
 */
final class Admission {

    /** Seconds a refused sender should wait before trying again. */
    static final int BUSY_RETRY_AFTER = 5;
    static final int BACKLOGGED_RETRY_AFTER = 30;

    private final DeliveryBacklog backlog;
    private final long maxOutboxBacklog;
    private final long maxRecipientBacklog;
    private final Duration maxQueuedAge;
    private final int slowQueueRetryAfter;

    Admission(DeliveryBacklog backlog, long maxOutboxBacklog, long maxRecipientBacklog, Duration maxQueuedAge) {
        this.backlog = backlog;
        this.maxOutboxBacklog = maxOutboxBacklog;
        this.maxRecipientBacklog = maxRecipientBacklog;
        this.maxQueuedAge = maxQueuedAge;
        this.slowQueueRetryAfter = slowQueueRetryAfter(maxQueuedAge);
    }

    /**
     * How long a sender refused for a slow queue should wait: a quarter of the limit, 1 to 5 s.
     * Senders should be back before the queue they were refused for runs dry; a wait as long as
     * the limit idled the gateway (docs/BENCHMARKS.md, "Admission on the delivery queue").
     */
    static int slowQueueRetryAfter(Duration maxQueuedAge) {
        return (int) Math.max(1, Math.min(BUSY_RETRY_AFTER, maxQueuedAge.toSeconds() / 4));
    }

    SubmissionStages.Parsed admit(SubmissionStages.Parsed parsed) {
        if (backlog.outboxPending() > maxOutboxBacklog) {
            throw ErrorCode.GATEWAY_BUSY.exception("the gateway is behind in routing accepted envelopes; retry later")
                    .with("retryAfterSeconds", BUSY_RETRY_AFTER).build();
        }
        for (Party recipient : parsed.envelope().recipients()) {
            String agency = recipient.agency().value();
            long pending = backlog.pending(agency);
            if (pending > maxRecipientBacklog) {
                throw backlogged(agency, pending + " envelopes already wait for " + agency + "; retry later",
                        BACKLOGGED_RETRY_AFTER);
            }
            DeliveryBacklog.QueueState queue = backlog.queue(agency);
            if (queue.behindFor().compareTo(maxQueuedAge) > 0 && queue.expectedWait().compareTo(maxQueuedAge) > 0) {
                throw backlogged(agency, "deliveries to " + agency + " have queued for " + queue.behindFor().toSeconds()
                        + " s without a break, and one queued now would wait about "
                        + queue.expectedWait().toSeconds() + " s for its turn; retry later", slowQueueRetryAfter);
            }
        }
        return parsed;
    }

    private static GatewayException backlogged(String recipient, String message, int retryAfterSeconds) {
        return ErrorCode.RECIPIENT_BACKLOGGED.exception(message).with("recipient", recipient)
                .with("retryAfterSeconds", retryAfterSeconds).build();
    }
}
