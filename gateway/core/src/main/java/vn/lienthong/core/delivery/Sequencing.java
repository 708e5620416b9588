package vn.lienthong.core.delivery;

import java.time.Clock;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.routing.DeliveryOrder;
import vn.lienthong.core.routing.Outbox;

/**
 * Keeps one dossier's envelopes (all with one order key) in acceptance order per recipient. A delivery whose
 * predecessor has not reached the recipient yet (queued elsewhere, being retried) waits;
 * when a delivery is done with, its first waiting successor gets a new order through the
 * outbox.
 */
public class Sequencing {

    private final Deliveries deliveries;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Sequencing(Deliveries deliveries, Outbox outbox, TransactionTemplate transactions, Clock clock) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Parks a queued delivery that must wait for an earlier one.
     *
     * @return true if it now waits; false if nothing holds it back and it may go ahead
     */
    public boolean waitIfHeldBack(Deliveries.Delivery delivery) {
        if (!deliveries.heldBack(delivery)) {
            return false;
        }
        deliveries.move(delivery.envelopeId(), delivery.recipient(), DeliveryState.WAITING, clock.instant());
        // The predecessor may have finished between the check and the move; then nobody would wake this one.
        if (!deliveries.heldBack(delivery)) {
            release(delivery);
        }
        return true;
    }

    /**
     * Repairs what a crash between two transactions may have left: an order that arrives again
     * for a delivery already done with releases its successor, and one for a waiting delivery
     * releases it if nothing holds it back any more. Both are safe to repeat.
     */
    public void settle(Deliveries.Delivery delivery) {
        if (delivery.state() == DeliveryState.WAITING) {
            if (!deliveries.heldBack(delivery)) {
                release(delivery);
            }
        } else if (!DeliveryState.holdingBack().contains(delivery.state())) {
            releaseNext(delivery.recipient(), delivery.orderKey());
        }
    }

    /** Releases every waiting delivery that nothing holds back any more: a sweep at start, and now and then. */
    public int sweep() {
        int released = 0;
        for (Deliveries.Delivery waiting : deliveries.waiting()) {
            if (!deliveries.heldBack(waiting)) {
                release(waiting);
                released++;
            }
        }
        return released;
    }

    /** After a delivery is done with (taken, in the inbox, dead-lettered, discarded): lets the next one of its dossier go. */
    public void releaseNext(AgencyCode recipient, String orderKey) {
        deliveries.firstWaiting(recipient, orderKey)
                .filter(next -> !deliveries.heldBack(next))
                .ifPresent(this::release);
    }

    private void release(Deliveries.Delivery waiting) {
        transactions.executeWithoutResult(tx -> deliveries
                .requeue(waiting.envelopeId(), waiting.recipient(), DeliveryState.WAITING, clock.instant())
                .ifPresent(generation -> outbox.enqueue(new DeliveryOrder(waiting.envelopeId(), waiting.recipient(),
                        waiting.orderKey(), generation), clock.instant())));
    }
}
