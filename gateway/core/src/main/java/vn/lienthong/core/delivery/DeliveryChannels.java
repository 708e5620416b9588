package vn.lienthong.core.delivery;

/** Channels where the broker adapter hands delivery orders to the core. */
public final class DeliveryChannels {

    /**
     * Orders arriving from a recipient's queue, with the {@code DeliveryOrder} headers and
     * {@code DeliveryOrder.ATTEMPT}. The flow runs on the consumer's thread: when it throws,
     * the adapter must roll the message back so the broker redelivers it.
     */
    public static final String INBOUND = "delivery.inbound";

    private DeliveryChannels() {
    }
}
