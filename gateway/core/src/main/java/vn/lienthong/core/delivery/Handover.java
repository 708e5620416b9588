package vn.lienthong.core.delivery;

import java.time.Duration;
import java.time.Instant;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.tracking.DossierTracking;

/**
 * The moment a recipient takes an envelope: the delivery becomes DELIVERED and the
 * hand-off gets its taken-at, in one transaction.
 */
public class Handover {

    private final Deliveries deliveries;
    private final DossierTracking tracking;
    private final TransactionTemplate transactions;

    public Handover(Deliveries deliveries, DossierTracking tracking, TransactionTemplate transactions) {
        this.deliveries = deliveries;
        this.tracking = tracking;
        this.transactions = transactions;
    }

    /** @return true if this call took it, false if it had been taken before */
    public boolean take(String envelopeId, AgencyCode recipient, Instant at) {
        return Boolean.TRUE.equals(transactions.execute(tx -> moveAndRecord(envelopeId, recipient, at)));
    }

    /**
     * A push the recipient answered: its attempt is recorded in the same transaction as the
     * taking, one commit per delivery instead of two (docs/BENCHMARKS.md).
     *
     * @return true if this call took it, false if it had been taken before (a pull got there first)
     */
    public boolean takePushed(String envelopeId, AgencyCode recipient, Instant at, int attempt, Instant started,
                              Duration took) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            deliveries.recordAttempt(envelopeId, recipient, attempt, started, took, null);
            return moveAndRecord(envelopeId, recipient, at);
        }));
    }

    private boolean moveAndRecord(String envelopeId, AgencyCode recipient, Instant at) {
        if (!deliveries.move(envelopeId, recipient, DeliveryState.DELIVERED, at)) {
            return false;
        }
        tracking.recordTaken(envelopeId, recipient.value(), at);
        return true;
    }
}
