package vn.lienthong.core.delivery;

/** Channels where the broker adapter and the delivery stage meet. */
public final class DeliveryChannels {

    /**
     * Orders arriving from a recipient's queue, with the {@code DeliveryOrder} headers. The
     * flow runs on the consumer's thread inside its transacted session: when it throws, the
     * adapter rolls the message back so the broker redelivers it.
     */
    public static final String INBOUND = "delivery.inbound";

    /**
     * Retries to schedule: the order's headers plus {@link #RETRY_DELAY_MILLIS}. Sent on the
     * consumer's thread and in its session, so the retry is sent if and only if the order it
     * replaces is acknowledged.
     */
    public static final String RETRY = "delivery.retry";

    /** Header of a retry: how long the broker holds the order back, in milliseconds. */
    public static final String RETRY_DELAY_MILLIS = "lt_retryDelayMillis";

    private DeliveryChannels() {
    }
}
