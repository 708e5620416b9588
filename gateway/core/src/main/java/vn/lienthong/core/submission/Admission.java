package vn.lienthong.core.submission;

import vn.lienthong.core.delivery.DeliveryBacklog;
import vn.lienthong.core.envelope.Party;
import vn.lienthong.core.error.ErrorCode;

/**
 * Back-pressure: when delivery falls too far behind, new envelopes are refused with a
 * retryable error rather than piling up until memory or disk give out. The whole gateway
 * is busy when the outbox is not drained; one recipient is backlogged when too much waits
 * for it, which slows only the senders to that recipient.
 */
final class Admission {

    /** Seconds a refused sender should wait before trying again. */
    static final int BUSY_RETRY_AFTER = 5;
    static final int BACKLOGGED_RETRY_AFTER = 30;

    private final DeliveryBacklog backlog;
    private final long maxOutboxBacklog;
    private final long maxRecipientBacklog;

    Admission(DeliveryBacklog backlog, long maxOutboxBacklog, long maxRecipientBacklog) {
        this.backlog = backlog;
        this.maxOutboxBacklog = maxOutboxBacklog;
        this.maxRecipientBacklog = maxRecipientBacklog;
    }

    SubmissionStages.Parsed admit(SubmissionStages.Parsed parsed) {
        if (backlog.outboxPending() > maxOutboxBacklog) {
            throw ErrorCode.GATEWAY_BUSY.exception("the gateway is behind in routing accepted envelopes; retry later")
                    .with("retryAfterSeconds", BUSY_RETRY_AFTER).build();
        }
        for (Party recipient : parsed.envelope().recipients()) {
            long pending = backlog.pending(recipient.agency().value());
            if (pending > maxRecipientBacklog) {
                throw ErrorCode.RECIPIENT_BACKLOGGED.exception(pending + " envelopes already wait for "
                                + recipient.agency() + "; retry later")
                        .with("recipient", recipient.agency().value()).with("retryAfterSeconds", BACKLOGGED_RETRY_AFTER)
                        .build();
            }
        }
        return parsed;
    }
}
