package vn.lienthong.core.routing;

/** Channels where routing meets the broker adapter. */
public final class RoutingChannels {

    /**
     * Delivery orders leave the core here, one message per recipient with the
     * {@link DeliveryOrder} headers, to be sent durably to the recipient's queue. The send
     * must be synchronous: the relay deletes the outbox row once this channel returns.
     */
    public static final String BROKER_OUTBOUND = "routing.brokerOutbound";

    private RoutingChannels() {
    }
}
