package vn.lienthong.core.routing;

/** Channels where routing meets the broker adapter. */
public final class RoutingChannels {

    /**
     * Delivery orders leave the core here, one message per relay batch whose payload is the
     * list of {@link DeliveryOrder}s in outbox order, each to be sent durably to its
     * recipient's queue. The send must be synchronous and all or nothing: the relay deletes
     * the batch's outbox rows once this channel returns.
     */
    public static final String BROKER_OUTBOUND = "routing.brokerOutbound";

    private RoutingChannels() {
    }
}
