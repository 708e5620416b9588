package vn.lienthong.core.delivery;

import java.util.EnumSet;
import java.util.Set;

/** Where an envelope stands for one recipient. */
public enum DeliveryState {
    /** Accepted and routed: a delivery order is in the outbox or on the recipient's queue. */
    QUEUED,
    /** An earlier envelope of the same dossier has not reached this recipient yet; released when it has. */
    WAITING,
    /** A push failed; the next attempt is scheduled on the broker. */
    RETRYING,
    /** Waiting in the recipient's inbox for it to fetch and acknowledge (pull agencies). */
    AVAILABLE,
    /** The recipient took it: its endpoint acknowledged the push, or it acknowledged the pull. Final. */
    DELIVERED,
    /** Every attempt failed; parked for the operators, who replay or discard it. */
    DEAD_LETTERED,
    /** An operator gave up on this delivery. Final. */
    DISCARDED;

    /** The states a delivery may move to from this one. */
    public Set<DeliveryState> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(WAITING, RETRYING, AVAILABLE, DELIVERED, DEAD_LETTERED);
            case WAITING -> EnumSet.of(QUEUED);
            case RETRYING -> EnumSet.of(RETRYING, DELIVERED, DEAD_LETTERED);
            case AVAILABLE -> EnumSet.of(DELIVERED);
            case DEAD_LETTERED -> EnumSet.of(QUEUED, DISCARDED);
            case DELIVERED, DISCARDED -> EnumSet.noneOf(DeliveryState.class);
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

    /** States in which a delivery still holds back later envelopes of its dossier to the same recipient. */
    public static Set<DeliveryState> holdingBack() {
        return EnumSet.of(QUEUED, WAITING, RETRYING);
    }

    /** True while a delivery order for it may be acted on. */
    public boolean pending() {
        return this == QUEUED || this == RETRYING;
    }
}
