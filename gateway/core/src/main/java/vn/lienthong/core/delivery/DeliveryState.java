package vn.lienthong.core.delivery;

import java.util.EnumSet;
import java.util.Set;

/** Where an envelope stands for one recipient. */
public enum DeliveryState {
    /** Accepted and routed; not yet handed to the recipient. */
    QUEUED,
    /** Waiting in the recipient's inbox for it to fetch and acknowledge (pull agencies). */
    AVAILABLE,
    /** The recipient took it: its endpoint acknowledged the push, or it acknowledged the pull. Final. */
    DELIVERED;

    /** The states a delivery may move to from this one. */
    public Set<DeliveryState> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(AVAILABLE, DELIVERED);
            case AVAILABLE -> EnumSet.of(DELIVERED);
            case DELIVERED -> EnumSet.noneOf(DeliveryState.class);
        };
    }

    /** The states from which a delivery may move to {@code target}. */
    public static Set<DeliveryState> sourcesOf(DeliveryState target) {
        Set<DeliveryState> sources = EnumSet.noneOf(DeliveryState.class);
        for (DeliveryState state : values()) {
            if (state.next().contains(target)) {
                sources.add(state);
            }
        }
        return sources;
    }
}
