package vn.lienthong.core.delivery;

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
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!deliveries.move(envelopeId, recipient, DeliveryState.DELIVERED, at)) {
                return false;
            }
            tracking.recordTaken(envelopeId, recipient.value(), at);
            return true;
        }));
    }
}
